/**
 * The 7-bit Chinese encodings of early Internet mail, which no decoder in iconv-lite knows:
 * HZ-GB-2312 (RFC 1843: `~{` … `~}` around GB2312 bytes with the high bit cleared) and
 * ISO-2022-CN / -EXT (RFC 1922: `ESC $ ) A` designates GB2312, SO/SI shift in and out).
 */
import * as iconv from 'iconv-lite';
import { charsetFamily } from './charset-aliases';

/** The encoding a charset label names (by any of its names: `hz-gb`, `x-cp50227`…), when it is one of these. */
export function sevenBitChinese(label: string): 'hz' | 'iso-2022-cn' | null {
  const family = charsetFamily(label);
  return family === 'hz' || family === 'iso-2022-cn' ? family : null;
}

export function decodeSevenBitChinese(bytes: Buffer, encoding: 'hz' | 'iso-2022-cn'): string {
  return encoding === 'hz' ? decodeHz(bytes) : decodeIso2022Cn(bytes);
}

function decodeHz(b: Buffer): string {
  let out = '';
  let gb = false;
  let ascii: number[] = [];
  const flush = () => {
    if (ascii.length) out += Buffer.from(ascii).toString('latin1');
    ascii = [];
  };
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x7e) {
      const n = b[i + 1];
      if (!gb && n === 0x7e) {
        ascii.push(0x7e);
        i++;
        continue;
      }
      if (n === 0x7b) {
        flush();
        gb = true;
        i++;
        continue;
      }
      if (n === 0x7d) {
        gb = false;
        i++;
        continue;
      }
      if (!gb && (n === 0x0a || n === 0x0d)) {
        i += n === 0x0d && b[i + 2] === 0x0a ? 2 : 1;
        continue;
      } // soft line break
    }
    if (gb && c >= 0x21 && c <= 0x7e && b[i + 1] >= 0x21 && b[i + 1] <= 0x7e) {
      out += iconv.decode(Buffer.from([c | 0x80, b[i + 1] | 0x80]), 'gb18030');
      i++;
      continue;
    }
    if (c === 0x0a) gb = false; // a GB run never crosses a line
    if (gb) {
      out += String.fromCharCode(c);
      continue;
    }
    ascii.push(c);
    if (ascii.length > 4096) flush();
  }
  flush();
  return out;
}

function decodeIso2022Cn(b: Buffer): string {
  let out = '';
  let g1: 'gb' | 'other' | null = null;
  let shifted = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x1b && b[i + 1] === 0x24) {
      // ESC $ ) F designates G1 (A: GB2312, E: ISO-IR-165, a GB2312 superset; G: CNS 11643-1);
      // ESC $ * H / ESC $ + I..M designate G2/G3 (CNS planes, used via single shifts).
      const inter = b[i + 2];
      const final = b[i + 3];
      if (inter === 0x29) g1 = final === 0x41 || final === 0x45 ? 'gb' : 'other';
      i += 3;
      continue;
    }
    if (c === 0x1b && (b[i + 1] === 0x4e || b[i + 1] === 0x4f)) {
      out += '\ufffd';
      i += 3;
      continue;
    } // SS2/SS3: CNS planes
    if (c === 0x0e) {
      shifted = true;
      continue;
    }
    if (c === 0x0f) {
      shifted = false;
      continue;
    }
    if (c === 0x0a) {
      shifted = false;
      g1 = null;
    } // designations and shifts end with the line
    if (shifted && c >= 0x21 && c <= 0x7e && b[i + 1] >= 0x21 && b[i + 1] <= 0x7e) {
      out += g1 === 'gb' ? iconv.decode(Buffer.from([c | 0x80, b[i + 1] | 0x80]), 'gb18030') : '\ufffd';
      i++;
      continue;
    }
    out += String.fromCharCode(c);
  }
  return out;
}
