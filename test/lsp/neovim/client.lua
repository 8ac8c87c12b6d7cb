-- Drives psylint-ls from a real Neovim (run headless by test/lsp/neovim.test.ts):
-- opens a draft, waits for diagnostics, shows the hover of the first finding
-- in a floating window, asks for code actions and applies the preferred one.
-- Everything Neovim received is written as JSON to $PSYLINT_OUT.
-- Works with Neovim 0.7 (Debian bookworm: vim.lsp.start_client) and newer (vim.lsp.start).

local out_path = assert(os.getenv('PSYLINT_OUT'), 'PSYLINT_OUT not set')
local draft = assert(os.getenv('PSYLINT_DRAFT'), 'PSYLINT_DRAFT not set')
local cmd = vim.fn.json_decode((assert(os.getenv('PSYLINT_CMD'), 'PSYLINT_CMD not set')))
local result = { nvim = vim.version() }

local function finish()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or lsp.code,
    })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'markdown'

  local config = {
    name = 'psylint',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(draft, ':h'),
    settings = { psylint = {} },
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  result.client_id = client_id

  -- 1. Diagnostics (pushed by the server with textDocument/publishDiagnostics).
  result.got_diagnostics = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local client = vim.lsp.get_client_by_id(client_id)
  result.server_name = client and client.server_capabilities and client.initialized and 'psylint' or nil
  result.server_info = client and client.server_info or nil
  result.diagnostics = snapshot(bufnr)
  if not result.got_diagnostics then return end

  local first = vim.diagnostic.get(bufnr)[1]
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.lnum < first.lnum or (d.lnum == first.lnum and d.col < first.col) then first = d end
  end
  -- The diagnostic as the server sent it, rebuilt the way vim.lsp.buf.code_action does
  -- (Neovim keeps code, data and tags in user_data.lsp; range, message and source on the item).
  local lsp_diagnostic = vim.tbl_extend('keep', {
    range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } },
    severity = first.severity, message = first.message, source = first.source, code = first.code,
  }, (first.user_data and first.user_data.lsp) or {})
  vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col + 1 })

  -- 2. Hover, shown the way K shows it: the hover handler opens a floating window.
  local uri = vim.uri_from_bufnr(bufnr)
  local position = { line = first.lnum, character = first.col + 1 }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = position }, 15000) or {}
  local hover = responses[client_id] and responses[client_id].result
  result.hover_kind = hover and hover.contents and hover.contents.kind
  if hover then
    local float_buf = vim.lsp.handlers['textDocument/hover'](nil, hover, { bufnr = bufnr, client_id = client_id, method = 'textDocument/hover' }, {})
    if float_buf and vim.api.nvim_buf_is_valid(float_buf) then
      result.hover_float = vim.api.nvim_buf_get_lines(float_buf, 0, -1, false)
    end
  end

  -- 3. Code actions for the finding under the cursor, then apply the preferred quick fix.
  local params = {
    textDocument = { uri = uri },
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic } },
  }
  responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 15000) or {}
  local actions = (responses[client_id] and responses[client_id].result) or {}
  result.actions = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(result.actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred or false })
    if action.isPreferred and action.edit and not chosen then chosen = action end
  end
  if chosen then
    result.applied = chosen.title
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
    result.lines_after = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    -- The edit reaches the server as didChange; wait for the re-lint to drop the finding.
    local before = #vim.diagnostic.get(bufnr)
    result.relinted = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) < before end, 50)
    result.diagnostics_after = snapshot(bufnr)
  end
end)
if not ok then result.error = tostring(err) end
finish()
