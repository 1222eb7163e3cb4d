"""Print what the README shows: real output of the inspection API."""
import glassjs
from glassjs.engine import introspect as I


def fields(b):
    if b.kind == "number":
        return (f"sign={b.sign} exponent={b.exponent} (2^{b.exponent - 1023}) "
                f"mantissa=0x{b.mantissa:013x} -> double {b.number!r}")
    if b.lightfunc:
        lf = b.lightfunc
        return (f"tag=0x{b.tag:04x} (lightfunc) magic={lf['magic']} length={lf['length']} "
                f"nargs={lf['nargs']} native index={lf['index']}")
    return f"tag=0x{b.tag:04x} ({b.kind}) payload=0x{b.payload:012x} -> arena offset {b.offset}"


e = glassjs.Engine()
e.eval("var point = {x: 1.5, y: 'glass'}")
point = e.get_global("point")
print(">>> I.value_bits(e, 1.5)")
b = I.value_bits(e, 1.5)
print(f"{b.hex}  {fields(b)}")
print(f"    V8 would store it as: {b.v8['scheme']} ({b.v8['explain']})")
print(">>> I.property_bits(e, point, 'y')         # the word stored in point.y: a string reference")
b = I.property_bits(e, point, "y")
print(f"{b.hex}  {fields(b)}")
print(">>> I.value_bits(e, I.lightfunc(e, 'Math.max'))")
b = I.value_bits(e, I.lightfunc(e, "Math.max"))
print(f"{b.hex}  {fields(b)}")
print(">>> I.header(e, point.offset)              # the object's 16-byte header")
h = I.header(e, point.offset)
print(f"offset={h.offset} type={h.type} class={h.aux} (Object) flags={h.flags} "
      f"refcount={h.refcount} size={h.size} bytes")
print("raw: " + " ".join(f"{x:02x}" for x in h.raw))
