import type { UrgencyFile } from '@hub/config';
import type { Urgency } from '@hub/domain';

export interface UrgencySignal {
  name: string;
  patterns: string[];
  unless?: string[];
  sensitive?: boolean;
}

export interface UrgencyResult {
  urgency: Urgency;
  /** Needs an immediate alert to the duty supervisor. */
  sensitive: boolean;
  /** Names of the signals found. */
  signals: string[];
}

/** `/.../` is a regular expression; anything else a literal phrase. */
function toSource(p: string): string {
  const m = /^\/(.*)\/$/s.exec(p.trim());
  return m ? m[1] : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Compiled {
  name: string;
  re: RegExp;
  unless: RegExp | null;
  sensitive: boolean;
}

/** Urgency and sensitivity from configurable signals (config/urgency.yaml). */
export class UrgencyDetector {
  private readonly signals: Compiled[];
  constructor(signals: UrgencySignal[] | Pick<UrgencyFile, 'signals'>) {
    const list = Array.isArray(signals) ? signals : signals.signals;
    this.signals = list
      .filter((s) => s.patterns.length > 0)
      .map((s) => ({
        name: s.name,
        re: new RegExp(s.patterns.map(toSource).join('|')),
        unless: s.unless?.length ? new RegExp(s.unless.map(toSource).join('|')) : null,
        sensitive: Boolean(s.sensitive),
      }));
  }

  get size(): number {
    return this.signals.length;
  }

  /** Names of the signals, in order. */
  get names(): string[] {
    return this.signals.map((s) => s.name);
  }

  detect(text: string): UrgencyResult {
    let found: string[] | null = null;
    let sensitive = false;
    for (const s of this.signals) {
      if (!s.re.test(text)) continue;
      if (s.unless && s.unless.test(text)) continue;
      (found ??= []).push(s.name);
      if (s.sensitive) sensitive = true;
    }
    return { urgency: found ? 'urgent' : 'normal', sensitive, signals: found ?? [] };
  }
}
