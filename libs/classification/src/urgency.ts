import type { UrgencyFile } from '@hub/config';
import type { Urgency } from '@hub/domain';
import { RegexGate } from './regex-gate';

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
  /** Runs a signal's pattern only when the text has a char a match can begin with. */
  private readonly gate: RegexGate;
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
    this.gate = new RegexGate(this.signals.map((s) => s.re));
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
    const gate = this.gate;
    gate.select(text);
    for (let i = 0; i < this.signals.length; i++) {
      const s = this.signals[i];
      if (!gate.test(i, text)) continue;
      if (s.unless && s.unless.test(text)) continue;
      (found ??= []).push(s.name);
      if (s.sensitive) sensitive = true;
    }
    return { urgency: found ? 'urgent' : 'normal', sensitive, signals: found ?? [] };
  }
}
