import { clearDraft, draftKeys, readDraft, writeDraft } from './drafts';

describe('drafts', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('keeps what was typed across a reload of the page (sessionStorage)', () => {
    writeDraft('note.lead-1', 'Called twice, will try after 5');
    expect(window.sessionStorage.getItem('intake.draft.note.lead-1')).toBe(
      'Called twice, will try after 5',
    );
    expect(readDraft('note.lead-1')).toBe('Called twice, will try after 5');
    expect(draftKeys()).toEqual(['note.lead-1']);
  });

  it('forgets a draft once it is saved or emptied', () => {
    writeDraft('note.lead-1', 'x');
    writeDraft('note.lead-2', 'y');
    clearDraft('note.lead-1');
    writeDraft('note.lead-2', '');
    expect(draftKeys()).toEqual([]);
    expect(readDraft('note.lead-1')).toBe('');
  });
});
