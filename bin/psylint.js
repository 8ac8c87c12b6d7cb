#!/usr/bin/env node
'use strict';
require('./built.js').requireBuilt('cli.js', 'psylint').run();
