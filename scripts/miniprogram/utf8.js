// UTF-8 text codec for the mini-program build (pasted into
// pkg/miniprogram/sharecart.js by scripts/build-miniprogram.mjs).
//
// WeChat mini-programs have no TextEncoder/TextDecoder, and the
// wasm-bindgen glue needs exactly this much of them:
//   new Utf8Encoder().encode(string)             -> Uint8Array
//   new Utf8Encoder().encodeInto(string, bytes)  -> { read, written }
//   new Utf8Decoder(label, options).decode(bytes?) -> string
// The behaviour is the WHATWG Encoding Standard's for UTF-8: a lone
// surrogate encodes as U+FFFD (EF BF BD); the decoder never strips a BOM
// (the glue asks for ignoreBOM) and replaces every maximal invalid
// subsequence by one U+FFFD. tests/js/miniprogram-sandbox.mjs compares both
// classes with the platform's TextEncoder/TextDecoder.
// Plain ES2015, no dependencies.

/* eslint-disable no-var */
class Utf8Encoder {
  get encoding() {
    return 'utf-8';
  }

  encode(input) {
    var text = input === undefined ? '' : String(input);
    var out = new Uint8Array(utf8Length(text));
    writeUtf8(text, out, 0);
    return out;
  }

  encodeInto(input, view) {
    var text = String(input);
    var written = 0;
    var i = 0;
    var n = text.length;
    var cap = view.length;
    while (i < n) {
      var c = codePointAt(text, i);
      var size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (written + size > cap) break;
      written = putCodePoint(c, view, written);
      i += c >= 0x10000 ? 2 : 1;
    }
    return { read: i, written: written };
  }
}

// The code point at text[i]; a lone surrogate reads as U+FFFD.
function codePointAt(text, i) {
  var c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return c;
  if (c <= 0xdbff && i + 1 < text.length) {
    var d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
  }
  return 0xfffd;
}

function utf8Length(text) {
  var length = 0;
  for (var i = 0; i < text.length; i++) {
    var c = codePointAt(text, i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c < 0x10000) length += 3;
    else {
      length += 4;
      i++;
    }
  }
  return length;
}

function writeUtf8(text, out, at) {
  for (var i = 0; i < text.length; i++) {
    var c = codePointAt(text, i);
    at = putCodePoint(c, out, at);
    if (c >= 0x10000) i++;
  }
  return at;
}

function putCodePoint(c, out, at) {
  if (c < 0x80) {
    out[at++] = c;
  } else if (c < 0x800) {
    out[at++] = 0xc0 | (c >> 6);
    out[at++] = 0x80 | (c & 0x3f);
  } else if (c < 0x10000) {
    out[at++] = 0xe0 | (c >> 12);
    out[at++] = 0x80 | ((c >> 6) & 0x3f);
    out[at++] = 0x80 | (c & 0x3f);
  } else {
    out[at++] = 0xf0 | (c >> 18);
    out[at++] = 0x80 | ((c >> 12) & 0x3f);
    out[at++] = 0x80 | ((c >> 6) & 0x3f);
    out[at++] = 0x80 | (c & 0x3f);
  }
  return at;
}

class Utf8Decoder {
  constructor(label, options) {
    var name = label === undefined ? 'utf-8' : String(label).trim().toLowerCase();
    if (name !== 'utf-8' && name !== 'utf8' && name !== 'unicode-1-1-utf-8') {
      throw new RangeError('Utf8Decoder: only utf-8 is supported, not ' + label);
    }
    this.ignoreBOM = !!(options && options.ignoreBOM);
    this.fatal = !!(options && options.fatal);
    if (this.fatal) throw new RangeError('Utf8Decoder: fatal mode is not supported');
  }

  get encoding() {
    return 'utf-8';
  }

  decode(input) {
    if (input === undefined) return '';
    var bytes = input instanceof Uint8Array ? input
      : ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
        : new Uint8Array(input);
    var text = decodeUtf8(bytes);
    if (!this.ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  }
}

// WHATWG "UTF-8 decoder" (Encoding Standard, section 8.1.1), in one pass.
function decodeUtf8(bytes) {
  var parts = [];
  var units = [];
  var needed = 0;
  var seen = 0;
  var point = 0;
  var lower = 0x80;
  var upper = 0xbf;
  var flush = function () {
    parts.push(String.fromCharCode.apply(null, units));
    units = [];
  };
  var emit = function (c) {
    if (c >= 0x10000) {
      c -= 0x10000;
      units.push(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    } else {
      units.push(c);
    }
    if (units.length >= 8192) flush();
  };
  for (var i = 0; i < bytes.length; i++) {
    var b = bytes[i];
    if (needed === 0) {
      if (b <= 0x7f) {
        emit(b);
      } else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        point = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        point = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        point = b & 0x07;
      } else {
        emit(0xfffd);
      }
      continue;
    }
    if (b < lower || b > upper) {
      needed = seen = point = 0;
      lower = 0x80;
      upper = 0xbf;
      emit(0xfffd);
      i--; // the byte starts over
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    point = (point << 6) | (b & 0x3f);
    seen++;
    if (seen === needed) {
      emit(point);
      needed = seen = point = 0;
    }
  }
  if (needed !== 0) emit(0xfffd);
  flush();
  return parts.length === 1 ? parts[0] : parts.join('');
}
