// A server type as its JSON answer arrives: dates become ISO strings, everything else keeps its shape.
export type Json<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
