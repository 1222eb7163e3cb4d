# Block layouts: the byte-exact shape of everything that lives in the arena.
#
# Every block starts with the same 16-byte header.  References between
# blocks are 32-bit arena offsets (0 = none).  The inspection API decodes
# blocks with exactly these offsets, so the pictures are the engine's bytes.

from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t, uint8_t
from glassjs.engine.core.value cimport JSVal

cdef enum BlockType:
    BT_FREE = 0        # a free block on an allocator free list
    BT_STRING = 1
    BT_OBJECT = 2
    BT_PROPS = 3       # an object's property table
    BT_ELEMS = 4       # a dense array of values (array elements, bound args, for-in keys)
    BT_CODE = 5        # compiled function: bytecode, constants, pc-to-line table
    BT_ENV = 6         # environment record (captured variables, with-objects)
    BT_SCOPE = 7       # scope descriptor: the slot names of an environment
    BT_STRTAB = 8      # the string table's bucket array
    BT_BYTES = 9       # raw bytes (regexp bytecode, buffers)
    BT_COUNT = 10

# header.flags
cdef enum:
    HF_READONLY = 0x01   # in the ROM segment: never written, refcounted or swept
    HF_MARK = 0x02       # reached during the mark phase
    HF_ONEBYTE = 0x04    # string: Latin-1 payload (else UTF-16)
    HF_INTERNED = 0x08   # string: in the string table
    HF_ARRAYIDX = 0x10   # string: is a canonical array index (value cached in .index)
    HF_GARBAGE = 0x20    # collector: found unreachable
    HF_PINNED = 0x40     # held by the runtime itself (well-known strings)

cdef struct BlockHeader:          # 16 bytes
    uint8_t type                  # BlockType
    uint8_t flags                 # HF_*
    uint16_t aux                  # objects: class id; env: kind
    uint32_t refcount
    uint32_t size                 # block bytes, header included (multiple of 8)
    uint32_t link                 # free list / string-table chain / collector scratch

cdef struct JSString:             # 32 bytes + payload
    BlockHeader h
    uint32_t length               # UTF-16 code units
    uint32_t hash
    uint32_t index                # array index value when HF_ARRAYIDX
    uint32_t pad
    # payload: uint8_t[length] (HF_ONEBYTE) or uint16_t[length]

cdef enum:
    STRING_HEADER = 32

# --- objects ---------------------------------------------------------------

cdef enum ObjClass:
    CLASS_OBJECT = 0
    CLASS_ARRAY = 1
    CLASS_FUNCTION = 2       # ECMAScript function (closure)
    CLASS_NATIVE = 3         # native function object
    CLASS_BOUND = 4          # Function.prototype.bind result
    CLASS_ERROR = 5
    CLASS_BOOLEAN = 6
    CLASS_NUMBER = 7
    CLASS_STRING = 8
    CLASS_ARGUMENTS = 9
    CLASS_DATE = 10
    CLASS_REGEXP = 11
    CLASS_MATH = 12
    CLASS_JSON = 13
    CLASS_GLOBAL = 14
    CLASS_FORIN = 15         # internal for-in iterator
    CLASS_HOST = 16          # a Python callable exposed as a function
    CLASS_COUNT = 17

# JSObject.oflags
cdef enum:
    OF_EXTENSIBLE = 0x01
    OF_LENGTH_READONLY = 0x02  # array 'length' is non-writable
    OF_SPARSE = 0x04           # array indices live in the property table, not elems
    OF_CALLABLE = 0x08
    OF_CONSTRUCTOR = 0x10      # may be used with `new`
    OF_STRICT = 0x20           # function: strict code
    OF_MAPPED = 0x40           # arguments: index i < nmapped aliases env slot i

cdef struct JSObject:             # 40 bytes: the common object part
    BlockHeader h                 # h.aux = ObjClass
    uint32_t proto                # object offset or 0 (null)
    uint32_t props                # BT_PROPS block or 0
    uint32_t elems                # BT_ELEMS block or 0: the dense indexed part
    uint32_t length               # arrays: 'length'; arguments: element count
    uint32_t oflags
    uint32_t internal             # per class: code, native index, target...

cdef struct JSFunction:           # CLASS_FUNCTION, 48 bytes
    JSObject o                    # o.internal = BT_CODE block
    uint32_t env                  # BT_ENV captured by the closure, or 0
    uint32_t pad

cdef struct JSNative:             # CLASS_NATIVE / CLASS_HOST, 48 bytes
    JSObject o                    # o.internal = native index
    uint16_t magic
    uint16_t nargs
    uint32_t pad

cdef struct JSBound:              # CLASS_BOUND, 56 bytes
    JSObject o                    # o.internal = target object
    JSVal bound_this
    uint32_t args                 # BT_ELEMS with the bound arguments, or 0
    uint32_t nargs

cdef struct JSWrapper:            # CLASS_BOOLEAN/NUMBER/STRING/DATE, 48 bytes
    JSObject o
    JSVal value

cdef struct JSArguments:          # CLASS_ARGUMENTS, 56 bytes
    JSObject o                    # o.internal = env holding the mapped parameters
    uint64_t mapped               # bit i: index i still aliases env slot i

cdef struct JSForIn:              # CLASS_FORIN, 48 bytes
    JSObject o                    # o.internal = object being enumerated; elems = keys
    uint32_t pos
    uint32_t count

# --- property table --------------------------------------------------------

cdef enum:
    PF_WRITABLE = 0x01
    PF_ENUMERABLE = 0x02
    PF_CONFIGURABLE = 0x04
    PF_ACCESSOR = 0x08     # value = getter offset | setter offset << 32
    PF_DEFAULT = 0x07      # writable | enumerable | configurable
    PF_LINEAR_MAX = 8      # tables up to this many entries have no hash index (the default profile's Runtime.props_hash_min)

cdef struct PropEntry:            # 16 bytes
    uint32_t key                  # interned string offset; 0 = deleted
    uint32_t flags                # PF_*
    JSVal value

cdef struct PropTable:            # 32 bytes + entries + hash index
    BlockHeader h
    uint32_t used                 # entries[0..used) hold live or deleted slots, in insertion order
    uint32_t capacity
    uint32_t live                 # live entries
    uint32_t hash_size            # 0, or a power of two: uint32_t index[hash_size] after the entries

cdef struct Elems:                # 24 bytes + values
    BlockHeader h
    uint32_t capacity
    uint32_t pad
    # JSVal items[capacity]

cdef enum:
    PROPS_HEADER = 32
    ELEMS_HEADER = 24

# --- code ------------------------------------------------------------------

cdef enum:
    CF_STRICT = 0x01
    CF_SCRIPT = 0x02
    CF_EVAL = 0x04
    CF_USES_THIS = 0x08
    CF_USES_ARGUMENTS = 0x10
    CF_DIRECT_EVAL = 0x20
    CF_ARROW = 0x40
    CF_METHOD = 0x80               # object-literal method/getter/setter: no prototype, not a constructor

cdef struct JSCode:               # 96 bytes + sections
    BlockHeader h
    uint32_t flags                # CF_*
    uint32_t nparams
    uint32_t nlocals
    uint32_t max_stack
    uint32_t name                 # string
    uint32_t filename             # string
    uint32_t source               # string: the function's source text
    uint32_t line                 # where the function starts (1-based)
    uint32_t column
    uint32_t ncode                # instruction words
    uint32_t nconsts
    uint32_t npos                 # pc-to-line entries (pc, line, column)
    uint32_t ncaches              # inline-cache slots (2 words each)
    uint32_t code_at              # byte offsets of the sections from the block start
    uint32_t consts_at
    uint32_t pos_at
    uint32_t caches_at
    uint32_t names_at             # uint32 string offsets: param then local names
    uint32_t nnames
    uint32_t pad

# --- environments ------------------------------------------------------------

cdef enum:
    ENV_DECLARATIVE = 0
    ENV_WITH = 1

cdef struct JSEnv:                # 32 bytes + slots
    BlockHeader h                 # h.aux = ENV_*
    uint32_t parent               # enclosing environment or 0
    uint32_t scope                # BT_SCOPE descriptor (declarative) / object (with)
    uint32_t nslots
    uint32_t ext                  # function scope: object holding eval-declared vars, or 0
    # JSVal slots[nslots]

cdef enum:
    SCOPE_FUNCTION = 0x01         # a function's variable environment

cdef enum BindingKind:
    BK_VAR = 0
    BK_LET = 1
    BK_CONST = 2
    BK_FUNCTION = 3
    BK_PARAM = 4
    BK_CALLEE = 5
    BK_ARGUMENTS = 6
    BK_CATCH = 7
    BK_CLASS = 8

cdef struct JSScope:              # 24 bytes + names + kinds
    BlockHeader h
    uint32_t count
    uint32_t flags                # SCOPE_*
    # uint32_t names[count]; uint8_t kinds[count]

cdef enum:
    ENV_HEADER = 32
    SCOPE_HEADER = 24
    CODE_HEADER = 96
