// The claim language (data/claim-language.yaml) keeps its invariants, and the
// checks that guard them reject each kind of broken data; the glued-word
// splitter knows only the words that language lists.

import assert from 'node:assert/strict';
import { checkClaimLanguage } from '../../server/src/engine/claims/languageSchema';
import { CLAIM_LANGUAGE } from '../../server/src/engine/claims/languageData';
import { splitGlued } from '../../server/src/engine/claims/sentenceView';

describe('claim language data', () => {
  it('keeps its invariants', () => assert.deepEqual(checkClaimLanguage(CLAIM_LANGUAGE), []));

  it('rejects a duplicate word, a pattern that does not compile, a rewrite that is itself an overstatement', () => {
    const broken = structuredClone(CLAIM_LANGUAGE);
    broken.hedges = [...broken.hedges];
    broken.predicates.verbs = [...broken.predicates.verbs, broken.predicates.verbs[0]];
    broken.predicates.phrases = [...broken.predicates.phrases, 'unclosed (group'];
    broken.overstatements = [{ pattern: 'cures', pos: 'verb', rewrites: ['cures'], example: 'It cures.', rewritten: 'It cures.' }];
    const problems = checkClaimLanguage(broken);
    assert.ok(problems.some((p) => /listed twice/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /does not compile/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /itself an overstatement/.test(p)), problems.join('\n'));
  });

  it('rejects a noun listed both as a treatment and as one that needs a clinical setting', () => {
    const broken = structuredClone(CLAIM_LANGUAGE);
    broken.treatment.needs_clinical_context = [...broken.treatment.needs_clinical_context, 'therapy'];
    assert.deepEqual(checkClaimLanguage(broken), ['treatment.needs_clinical_context: "therapy" is also in treatment.nouns']);
  });

  it('rejects a defining noun that is not a treatment noun', () => {
    const broken = structuredClone(CLAIM_LANGUAGE);
    broken.treatment.defining_nouns = [...broken.treatment.defining_nouns, 'room'];
    assert.deepEqual(checkClaimLanguage(broken), ['treatment.defining_nouns: "room" is not a treatment noun']);
  });

  it('rejects an overstatement whose rewrite does not give its stated sentence', () => {
    const broken = structuredClone(CLAIM_LANGUAGE);
    broken.overstatements = [{ pattern: 'cures', pos: 'verb', rewrites: ['reduce'], example: 'It cures pain.', rewritten: 'It reduces pain.' }];
    assert.ok(checkClaimLanguage(broken).some((p) => /makes "It reduce pain\." of the example/.test(p)));
  });

  it('splits only words the claim language knows', () => {
    assert.deepEqual(splitGlued('therapyhelps'), ['therapy', 'helps']);
    assert.deepEqual(splitGlued('thatacupuncturecould'), ['that', 'acupuncture', 'could']);
    assert.deepEqual(splitGlued('a2019'), ['a', '2019']);
    for (const word of ['therapist', 'helpless', 'treatment', 'therapeutic', 'careful', 'without']) assert.deepEqual(splitGlued(word), [word]);
  });
});
