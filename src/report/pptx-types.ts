// pptxgenjs type aliases. Its typings are CommonJS-style (`export default` + namespace), which under
// `moduleResolution: NodeNext` puts the class at `.default.default`; at run time the ESM build exports the
// class as `default`. `loadPptxGen` hides both.
import type * as P from 'pptxgenjs';

export type Pptx = InstanceType<typeof P.default.default>;
export type Slide = P.default.Slide;
export type ChartOpts = P.default.IChartOpts;
export type ChartData = P.default.OptsChartData;
export type TextProps = P.default.TextPropsOptions;
export type TableRow = P.default.TableRow;
export type TableCell = P.default.TableCell;

/** Import pptxgenjs lazily and return a new presentation. */
export async function newPresentation(): Promise<Pptx> {
  const mod = (await import('pptxgenjs')) as unknown as { default: unknown };
  type Ctor = new () => Pptx;
  const d = mod.default as Ctor | { default: Ctor };
  const Ctor: Ctor = typeof d === 'function' ? d : d.default;
  return new Ctor();
}
