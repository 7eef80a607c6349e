import { CRISIS_PHRASES, mentionsCrisis } from './crisis-language';

describe('crisis language', () => {
  describe('the maintained list', () => {
    it('holds lower-case, unaccented phrases, words separated by one space', () => {
      for (const phrase of CRISIS_PHRASES) {
        expect(phrase).toMatch(/^[a-z']+( [a-z']+)*$/);
      }
    });

    it('has no duplicates', () => {
      expect(new Set(CRISIS_PHRASES).size).toBe(CRISIS_PHRASES.length);
    });

    it('cannot be changed at run time', () => {
      expect(Object.isFrozen(CRISIS_PHRASES)).toBe(true);
    });

    it.each(CRISIS_PHRASES.map((phrase) => [phrase]))(
      'matches "%s" embedded in a sentence',
      (phrase) => {
        expect(mentionsCrisis(`Hello, I need to tell you: ${phrase}. Please call me back.`)).toBe(
          true,
        );
        expect(mentionsCrisis(phrase.toUpperCase())).toBe(true);
      },
    );
  });

  describe('matches', () => {
    it.each([
      // suicide named outright
      ['I have thoughts of suicide.'],
      ['I have been feeling SUICIDAL lately'],
      ['History of suicidality, currently stable'],
      ['my son has attempted suicide twice'],
      ['I want to unalive myself'],
      // intent and methods
      ['Sometimes I think I should kill myself'],
      ['I keep thinking about killing myself'],
      ['I want to end my life'],
      ['planning on ending my life soon'],
      ['I might take my own life'],
      ['I just want to end it all'],
      ['I thought about how I would hang myself'],
      ['I want to shoot myself'],
      ['I want to jump off a bridge'],
      ['I thought about how I could slit my wrists'],
      // wanting to be dead
      ['I want to die'],
      ['honestly i wanna die'],
      ['Everyone would be better off dead, me included'],
      ['they would be better off without me'],
      ['I wish I was dead'],
      ["I don't want to live."],
      ['I dont want to live anymore'],
      ['I do not want to be alive'],
      ['every night I hope I don’t wake up'],
      // no future
      ['There is no reason to live'],
      ['I have nothing to live for'],
      ['life is not worth living'],
      ['I just can’t go on'],
      ["I can't go on, please help me"],
      ['I cant go on like this'],
      ['I cannot go on anymore'],
      ['I can not go on living this way'],
      // self-harm
      ['history of self-harm'],
      ['I self harm when stressed'],
      ['#selfharm'],
      ['I have been self-harming again'],
      ['I want to hurt myself'],
      ['I keep hurting myself'],
      ['I cut myself last night'],
      ['I started cutting myself again'],
      ['I have thought about harming myself'],
      // overdose
      ['I overdosed last year'],
      ['thinking about an overdose'],
      ['I OD’d in March'],
      ["She OD'ed twice"],
      ['I took too many pills yesterday'],
      // Spanish
      ['He tenido pensamientos de suicidio'],
      ['quiero morir'],
      ['Me quiero morir'],
      ['A veces quiero morirme'],
      ['pienso en matarme'],
      ['Tengo ganas de hacerme daño'],
      ['quiero quitarme la vida'],
      ['Ya no quiero vivir'],
      ['tuve una sobredosis'],
      ['pensamientos suicidas'],
    ])('%j', (text) => {
      expect(mentionsCrisis(text)).toBe(true);
    });
  });

  describe('ignores case, accents and spelling noise', () => {
    it.each([
      ['thoughts of SUÍCIDE'],
      ['ＳＵＩＣＩＤＥ'],
      ['SuIcIdAl'],
      ['QUIERO MORÍR'],
      ['hacerme dano'],
      ['HACERME DAÑO'],
      ['kill   myself'],
      ['kill-myself'],
      ['kill—myself'],
      ['kill_myself'],
      ['kill.myself'],
      ['KILL\nMYSELF'],
      ['kill\tmy self'],
      ['kill\u00a0myself'],
      ['sui\u200bcide'],
      ['self\u00adharm'],
      ['I can’t go on'],
      ['I can‘t go on'],
      ['I canʼt go on'],
      ['I can`t go on'],
      ['I CAN’T GO ON.'],
      ['"suicide"'],
      ["'suicide'"],
      ['(suicide)'],
      ['suicide!!!'],
      ['suicide'],
      ['...suicide...'],
    ])('%j', (text) => {
      expect(mentionsCrisis(text)).toBe(true);
    });
  });

  describe('does not match', () => {
    it.each([
      [''],
      ['   '],
      ['Interested in ketamine for depression'],
      ['this depression is killing me'],
      ['my job is killing me'],
      ['dying to try it'],
      ["I'm dying to try ketamine"],
      ['my phone died so please email me'],
      ['dead tired all the time'],
      ['good morning'],
      ['Good day, I need an appointment'],
      ['the kill switch'],
      ['I kill time by reading'],
      ['self-esteem'],
      ['self-care is hard'],
      ['I overdid it at the gym'],
      ['ideas'],
      ['My odd sleep schedule'],
      ['Oded referred me'],
      ['Take 1 tablet OD'],
      ['I hurt my back'],
      ['they cut my hours'],
      ['I feel hopeless about my weight'],
      ['I want to take my life back from anxiety'],
      ['I burn myself out at work'],
      ['I take all my pills in the morning'],
      ["I can't go on Tuesdays, mornings work better"],
      ['I cannot go on weekends'],
      ["I don't want to live on medication forever"],
      ['I have cut myself off from my friends'],
      ['I need to cut myself some slack'],
      ['I keep shooting myself in the foot'],
      ['Quiero cortarme el pelo'],
      ['No puedo más con el trabajo'],
      ['No quiero vivir con dolor'],
      ['presuicide'],
      ['killmyselfie'],
      ['I want to diet'],
      ['kms from the clinic'],
    ])('%j', (text) => {
      expect(mentionsCrisis(text)).toBe(false);
    });

    it('treats a missing message as no crisis', () => {
      expect(mentionsCrisis(null)).toBe(false);
      expect(mentionsCrisis(undefined)).toBe(false);
    });
  });

  it('answers with a boolean only, the same way every time', () => {
    const text = 'I want to die';
    expect(mentionsCrisis(text)).toBe(true);
    expect(mentionsCrisis(text)).toBe(true);
    expect(mentionsCrisis('hello')).toBe(false);
    expect(mentionsCrisis('hello')).toBe(false);
  });

  describe('speed', () => {
    const budgetMs = 50;

    function elapsedMs(text: string): { result: boolean; ms: number } {
      const start = process.hrtime.bigint();
      const result = mentionsCrisis(text);
      return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    }

    beforeAll(() => {
      mentionsCrisis('warm up the compiled expression');
    });

    it('reads a 5,000-character ordinary message quickly', () => {
      const sentence = 'I have been struggling with depression and would like to try ketamine. ';
      const text = sentence.repeat(Math.ceil(5000 / sentence.length)).slice(0, 5000);
      const { result, ms } = elapsedMs(text);
      expect(result).toBe(false);
      expect(ms).toBeLessThan(budgetMs);
    });

    it('reads 5,000 characters of near misses quickly', () => {
      const nearMisses =
        "kill my selfie can't go on Monday self-esteem overdid od good want to diet ";
      const text = nearMisses.repeat(Math.ceil(5000 / nearMisses.length)).slice(0, 5000);
      const { result, ms } = elapsedMs(text);
      expect(result).toBe(false);
      expect(ms).toBeLessThan(budgetMs);
    });

    it('reads long runs of separators between near-miss words quickly', () => {
      const text = `kill${' -'.repeat(2500)}`.slice(0, 5000);
      const { result, ms } = elapsedMs(text);
      expect(result).toBe(false);
      expect(ms).toBeLessThan(budgetMs);
    });

    it('still finds a phrase at the very end of a long message', () => {
      const text = `${'a '.repeat(2495)}suicide`;
      expect(text.length).toBeLessThanOrEqual(5000);
      expect(mentionsCrisis(text)).toBe(true);
    });
  });
});
