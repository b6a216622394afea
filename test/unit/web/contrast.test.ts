import { contrastRatio } from '../../browser/support/contrast';

describe('contrast ratio of computed colours', () => {
  it('gives the WCAG figures: black on white 21, the old bus badge 3.86, transparency laid over the page', () => {
    expect(contrastRatio('rgb(0, 0, 0)', 'rgb(255, 255, 255)')).toBeCloseTo(21, 5);
    // #d9480f on #fff0e6: the bus badge before the fix.
    expect(contrastRatio('rgb(217, 72, 15)', 'rgb(255, 240, 230)')).toBeCloseTo(3.86, 2);
    expect(contrastRatio('rgb(0, 0, 0)', 'rgba(0, 0, 0, 0)')).toBeCloseTo(21, 5);
    expect(contrastRatio('rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)')).toBeCloseTo(3.95, 1);
  });
});
