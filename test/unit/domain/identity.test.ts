import { idNumberProblem, makeIdNumber, maskIdNumber } from '../../../src/domain/identity/id-number';
import { MOBILE_RE, maskPhone } from '../../../src/domain/identity/phone';

describe('GB 11643 ID numbers', () => {
  it.each(['11010519491231002X', '320124198808240056', '110108196711301862', '11010519491231002x'])(
    'accepts %s',
    (id) => {
      expect(idNumberProblem(id)).toBeNull();
    },
  );
  it.each([
    ['130402198207290622', 'check-digit'],
    ['37070419881216001X', 'check-digit'],
    ['1101051949123100', 'format'],
    ['110105194902300028', 'birth-date'],
  ])('rejects %s (%s)', (id, problem) => {
    expect(idNumberProblem(id)).toBe(problem);
  });
  it('builds valid numbers and masks all but the ends', () => {
    const id = makeIdNumber('140222', '19900115', 7);
    expect(idNumberProblem(id)).toBeNull();
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
});

describe('mobile numbers', () => {
  it.each(['13812345678', '+8613812345678', '8619912345678'])('accepts %s', (p) =>
    expect(MOBILE_RE.test(p)).toBe(true),
  );
  it.each(['12812345678', '1381234567', '010-12345678'])('rejects %s', (p) => expect(MOBILE_RE.test(p)).toBe(false));
  it('masks the middle digits', () => expect(maskPhone('13812345678')).toBe('138****5678'));
});
