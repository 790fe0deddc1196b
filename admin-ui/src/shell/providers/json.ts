// A server type as its JSON answer arrives: what has a toJSON (a Date's ISO string, a Prisma
// Decimal's digits) arrives as its result, everything else keeps its shape.
export type Json<T> = T extends { toJSON(): infer Serialised }
  ? Serialised
  : T extends (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
