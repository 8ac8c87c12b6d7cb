// A range of the original text: what every part of the parse is made of.

export interface Range {
  start: number;
  end: number;
}
