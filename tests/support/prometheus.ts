// Reading a Prometheus scrape (the text exposition format) as tests assert on it.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  /** Every metric family the scrape declares (# TYPE) and every sample's name (…_bucket, …_count). */
  names: Set<string>;
  samples: Sample[];
  /** The one sample of `name` with exactly these labels; undefined when none. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** The sum of the samples of `name` whose labels include these. */
  sum(name: string, labels?: Record<string, string>): number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const unescape = (value: string) => value.replace(/\\(["\\n])/g, (_all, c: string) => (c === 'n' ? '\n' : c));

/** Whether a sample carries every one of these labels (it may carry more). */
export const labelsInclude = (sample: Sample, labels: Record<string, string>) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value);

export function parseScrape(text: string): Scrape {
  const names = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) \S+/.exec(line);
    if (type) names.add(type[1]!);
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = unescape(value!);
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
    names.add(match[1]!);
  }
  return {
    names,
    samples,
    value: (name, labels = {}) => {
      const found = samples.filter((s) => s.name === name && labelsInclude(s, labels) && Object.keys(s.labels).length === Object.keys(labels).length);
      if (found.length > 1) throw new Error(`${found.length} samples of ${name} with ${JSON.stringify(labels)}`);
      return found[0]?.value;
    },
    sum: (name, labels = {}) => samples.filter((s) => s.name === name && labelsInclude(s, labels)).reduce((total, s) => total + s.value, 0),
  };
}

export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return parseScrape(await response.text());
}

/** Prefixes of the metric families the product's scrapes hold; PromQL's functions and labels have none of them. */
const FAMILY = /^(hotline_|temporal_|process_|nodejs_)/;

/**
 * The metric names a PromQL expression reads: its identifiers once strings, label matchers
 * ({…}) and ranges ([…]) are taken out, that start like a family of ours (functions, keywords
 * and the labels of `by (…)` do not), Grafana's $variables aside.
 */
export function promqlMetricNames(expression: string): string[] {
  const bare = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\{[^}]*\}/g, '{}').replace(/\[[^\]]*\]/g, '[]');
  const names = [...bare.matchAll(/(?<![\w$:])[a-zA-Z_:][a-zA-Z0-9_:]*/g)].map((match) => match[0]).filter((name) => FAMILY.test(name));
  return [...new Set(names)];
}
