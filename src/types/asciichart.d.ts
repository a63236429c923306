// asciichart 1.5 ships no types. Only what ctop-ts uses is declared: `plot` with its options
// (see node_modules/asciichart/asciichart.js); colours are left out on purpose, because the
// chart colours cells through Ink tones instead of raw SGR codes.
declare module 'asciichart' {
  interface PlotConfig {
    /** Rows of the plot minus one (the chart has height + 1 lines). Always pass it: it defaults to the data range. */
    height?: number;
    /** Widen (never clip) the range. */
    min?: number;
    max?: number;
    /** Columns before the data: the label sits at offset − label.length, the axis at offset − 1. */
    offset?: number;
    padding?: string;
    /** Axis label of a row; `x` is the row's value. */
    format?: (x: number, i: number) => string;
    /** 10 glyphs: ┼ ┤ ╶ ╴ ─ ╰ ╭ ╮ ╯ │ by default. */
    symbols?: string[];
    colors?: string[];
  }
  const asciichart: {
    plot(series: number[] | number[][], config?: PlotConfig): string;
  };
  export default asciichart;
}
