// A feature's messages: Chinese first, English with exactly the same keys (checked by the type).
export interface FeatureMessages {
  zh: Record<string, unknown>;
  en: Record<string, unknown>;
}

type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

export const defineMessages = <T extends Record<string, unknown>>(zh: T, en: NoInfer<SameKeys<T>>): FeatureMessages => ({ zh, en });
