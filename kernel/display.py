"""The JavaScript ``display`` API: rich output from a cell.

    display(value)                      the value's rich view (like a cell result)
    display({'text/html': '<b>hi</b>', 'text/plain': 'hi'})   a MIME bundle
    display.html(s)  display.svg(s)  display.markdown(s)  display.latex(s)  display.text(s)
    display.png(base64OrBytes)  display.jpeg(base64OrBytes)   (a base64 string or an array of byte values)
    display.json(value)
    display.clear([wait])               clear the cell's output

Each takes an optional last argument ``{display_id: 'id', width: n, height: n}``
and returns a DisplayHandle ``{display_id, update(newContent)}``; ``update``
sends an update_display_data that replaces every output with that display_id.
A cell whose value is such a handle shows no execute_result (like IPython's
display returning None).

The JS side (below) checks arguments and turns bytes and JSON into strings,
so the one host function receives only strings and plain values.
"""
from __future__ import annotations

import base64
import binascii
import json
import re
import uuid

import glassjs

_WRAPPER = r"""
(function (host, stringify, TypeError, String, isArray) {
  function DisplayHandle(kind, id) { this.display_id = id; this.kind = kind; }
  DisplayHandle.prototype.update = function update(content) {
    host(this.kind, encode(this.kind, content), {display_id: this.display_id}, true);
  };
  function handle(kind, id) { return new DisplayHandle(kind, id); }
  function str(what, s) {
    if (typeof s !== 'string') throw new TypeError('display.' + what + ' expects a string, got ' + typeof s);
    return s;
  }
  function bytes(what, data) {
    if (typeof data === 'string') return ['base64', data];
    if (data === null || typeof data !== 'object' || typeof data.length !== 'number')
      throw new TypeError('display.' + what + ' expects a base64 string or an array of byte values');
    var out = '', chunk = [];
    for (var i = 0; i < data.length; i++) {
      chunk.push(data[i] & 255);
      if (chunk.length === 8192) { out += String.fromCharCode.apply(null, chunk); chunk = []; }
    }
    return ['binary', out + String.fromCharCode.apply(null, chunk)];
  }
  function isBundle(v) {
    if (v === null || typeof v !== 'object' || isArray(v)) return false;
    var n = 0;
    for (var k in v) { if (k.indexOf('/') < 0) return false; n++; }
    return n > 0;
  }
  var NAMES = {'text/html': 'html', 'image/svg+xml': 'svg', 'text/markdown': 'markdown',
               'text/latex': 'latex', 'text/plain': 'text', 'image/png': 'png', 'image/jpeg': 'jpeg'};
  function encode(kind, content) {
    if (kind === 'bundle') return stringify(content);
    if (kind === 'value') return content;
    if (kind === 'application/json') { var j = stringify(content); return j === undefined ? 'null' : j; }
    if (kind === 'image/png' || kind === 'image/jpeg') return bytes(NAMES[kind], content);
    return str(NAMES[kind], content);
  }
  function show(kind, content, options) {
    return handle(kind, host(kind, encode(kind, content), options, false));
  }
  function display(value, options) {
    return show(isBundle(value) ? 'bundle' : 'value', value, options);
  }
  display.html = function html(s, options) { return show('text/html', s, options); };
  display.svg = function svg(s, options) { return show('image/svg+xml', s, options); };
  display.markdown = function markdown(s, options) { return show('text/markdown', s, options); };
  display.latex = function latex(s, options) { return show('text/latex', s, options); };
  display.text = function text(s, options) { return show('text/plain', s, options); };
  display.png = function png(data, options) { return show('image/png', data, options); };
  display.jpeg = function jpeg(data, options) { return show('image/jpeg', data, options); };
  display.json = function json(value, options) { return show('application/json', value, options); };
  display.clear = function clear(wait) { host('clear', !!wait, undefined, false); };
  return {display: display, isHandle: function (v) { return v instanceof DisplayHandle; }};
})
"""

_B64_RE = re.compile(r"^data:image/[\w.+-]+;base64,")


class DisplayAPI:
    """Installs ``display`` into an engine; sends through ``publish`` and ``clear``.

    publish(data: dict, metadata: dict, display_id: str, update: bool)
    clear(wait: bool)
    """

    def __init__(self, publish, clear, render):
        self.publish = publish
        self.clear = clear
        self.render = render              # render(value) -> bundle (for display(value))

    def install(self, engine) -> None:
        factory = engine.eval(_WRAPPER, filename="<glassjs display>")
        g = engine.eval("this")
        api = factory(self._host, g["JSON"]["stringify"], g["TypeError"], g["String"],
                      g["Array"]["isArray"])
        self._is_handle = api["isHandle"]
        self._type_error = g["TypeError"]
        engine.set_global("display", api["display"])

    def is_handle(self, value) -> bool:
        """True for the handles display functions return (a cell ending in display(...) shows no result)."""
        return isinstance(value, glassjs.JSObject) and bool(self._is_handle(value))

    def _host(self, kind, payload, options, update):
        if kind == "clear":
            self.clear(bool(payload))
            return glassjs.undefined
        display_id, metadata = _options(options)
        data = self._data(kind, payload)
        if kind.startswith("image/"):
            size = {k: int(metadata.pop(k)) for k in ("width", "height") if k in metadata}
            if size:
                metadata[kind] = size
        self.publish(data, metadata, display_id, bool(update))
        return display_id

    def _data(self, kind, payload) -> dict:
        if kind == "value":
            return self.render(payload)
        if kind == "bundle":
            data = json.loads(payload)
            return {k: v if isinstance(v, str) or k.endswith("json") else json.dumps(v)
                    for k, v in data.items()}
        if kind == "application/json":
            value = json.loads(payload)
            return {"application/json": value, "text/plain": json.dumps(value, indent=2)}
        if kind in ("image/png", "image/jpeg"):
            how, text = payload["0"], payload["1"]
            if how == "binary":
                b64 = base64.b64encode(text.encode("latin-1")).decode("ascii")
            else:
                b64 = re.sub(r"\s+", "", _B64_RE.sub("", text))
                try:
                    base64.b64decode(b64, validate=True)
                except (binascii.Error, ValueError):
                    msg = f"display.{kind[6:]} expects base64 (or an array of byte values)"
                    raise glassjs.JSError("TypeError", msg, value=self._type_error(msg)) from None
            return {kind: b64, "text/plain": f"<{kind} image, {len(b64) * 3 // 4} bytes>"}
        return {kind: payload}


def _options(options):
    """(display_id, metadata) from the optional options object."""
    display_id = None
    metadata = {}
    if isinstance(options, glassjs.JSObject):
        for key in options.keys():
            v = options[key]
            if key == "display_id":
                display_id = v if isinstance(v, str) else _num_str(v)
            elif key in ("width", "height") and isinstance(v, float):
                metadata[key] = v
    return display_id or uuid.uuid4().hex, metadata


def _num_str(v):
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return None if v is None or v is glassjs.undefined else str(v)
