# The runtime state of one engine (Lua's lstate.h): the arena, the string
# table, the value stack and call frames, the pending exception, and the
# well-known strings and objects every subsystem needs.

from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t, uint8_t, int64_t
from glassjs.engine.core.value cimport JSVal

cdef enum:
    NSMALL = 129                  # exact-size free lists for blocks of 8..1024 bytes
    SMALL_MAX = 1024
    MAX_NATIVES = 1024
    NLARGE = 22                   # free lists for blocks > SMALL_MAX: bin i holds [1024 << i, 2048 << i)

# --- well-known strings (atoms), pinned for the engine's lifetime --------
# The texts are in strings.pyx ATOM_TEXTS, in this order.
cdef enum:  # Atom
    A_EMPTY = 0
    A_length
    A_prototype
    A_constructor
    A_toString
    A_valueOf
    A_name
    A_message
    A_stack
    A_callee
    A_caller
    A_arguments
    A_get
    A_set
    A_value
    A_writable
    A_enumerable
    A_configurable
    A_undefined
    A_null
    A_true
    A_false
    A_object
    A_function
    A_number
    A_string
    A_boolean
    A_NaN
    A_Infinity
    A_minus_Infinity
    A_zero
    A_toJSON
    A_lastIndex
    A_index
    A_input
    A_source
    A_global
    A_ignoreCase
    A_multiline
    A_eval
    A_Error
    A_symbol
    A_join
    A_toISOString
    A_cause
    A_COUNT

# error kinds, the order of THROW_ERROR's operand and of Runtime.error_protos
cdef enum:  # ErrorKind
    E_TYPE = 0
    E_REFERENCE = 1
    E_SYNTAX = 2
    E_RANGE = 3
    E_ERROR = 4
    E_EVAL = 5
    E_URI = 6
    E_COUNT = 7

cdef struct Handler:              # an active try block
    uint32_t* catch_pc
    JSVal* sp                     # operand stack height at TRY
    uint32_t env                  # environment at TRY
    int frame                     # index of the frame that owns it

cdef enum:
    FR_CONSTRUCT = 0x01           # `new`: a non-object return value yields `this`
    FR_BOUNDARY = 0x02            # returning from this frame returns from vm_run()
    FR_EVAL = 0x04                # eval code: declarations go to the caller's variable env

cdef struct Frame:
    uint32_t func                 # function object, or 0 for script/eval code
    uint32_t code                 # BT_CODE block
    uint32_t* pc                  # next instruction (points into the arena)
    JSVal* args                   # arg0; args[-1] = this, args[-2] = callee
    JSVal* locals                 # after max(argc, nparams) arguments
    JSVal* sp                     # saved operand-stack top while another frame runs
    uint32_t env                  # current environment (owned reference)
    int argc
    int flags                     # FR_*
    int handler_base              # first handler owned by this frame
    uint32_t var_env              # eval frames: the caller's variable environment (0 = global)

ctypedef int (*NativeFn)(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept

cdef struct NativeInfo:
    NativeFn fn
    const char* name
    uint16_t length
    uint16_t nargs
    uint16_t magic

cdef struct MemoryCounters:       # bytes and counts by block type, kept by the allocator
    uint64_t bytes[16]
    uint64_t count[16]

cdef struct Runtime:
    # ---- arena (heap.pyx) ----
    uint8_t* base                 # start of the reserved address range; offsets are relative to it
    uint64_t reserved
    uint32_t rom_start            # [rom_start, rom_end): read-only ROM segment (may be empty)
    uint32_t rom_end
    uint32_t ram_start            # first RAM block
    uint32_t top                  # end of the RAM in use (bump pointer)
    uint32_t coalesced_top        # top when free blocks were last coalesced
    uint32_t limit                # memory limit: top may not pass it
    uint32_t free_small[NSMALL]   # exact-size free lists, index = size / 8
    uint32_t free_large[NLARGE]   # free blocks > SMALL_MAX, by power-of-two size bin
    uint64_t used_bytes           # bytes in live blocks
    uint64_t peak_bytes
    uint64_t alloc_since_gc
    uint64_t gc_threshold         # collect cycles when used_bytes grows past this
    MemoryCounters mem
    uint32_t refzero_head         # blocks whose refcount dropped to zero, being freed
    int freeing
    int gc_running
    int gc_disabled
    uint64_t gc_runs
    uint64_t oom_count
    void (*collect)(Runtime* rt) noexcept   # the cycle collector (gc.pyx), run by the allocator
    # calling a function from below the VM (getters, valueOf...): vm.pyx installs it
    int (*call)(Runtime* rt, JSVal f, JSVal this, int argc, JSVal* argv, JSVal* ret) noexcept
    # the 'stack' text for a new error object: vm.pyx installs it
    uint32_t (*capture_stack)(Runtime* rt) noexcept

    # ---- string table (strings.pyx) ----
    uint32_t strtab               # BT_STRTAB block: uint32_t buckets[strtab_size]
    uint32_t strtab_size          # power of two
    uint32_t strtab_count
    uint64_t intern_hits
    uint64_t intern_misses
    uint32_t atoms[A_COUNT]
    uint32_t unit_strings[256]    # interned one-unit strings "\x00".."\xff", made on first use

    # ---- execution (vm.pyx; the three arrays are reserved/committed by stack.pyx) ----
    JSVal* stack                  # value stack
    JSVal* stack_end              # end of the committed part: pushes past it grow the stack first
    JSVal* stack_limit            # end of the reserved part (the maximum stack size)
    JSVal* sp                     # top of the value stack (one past the last value)
    Frame* frames
    int nframes
    int max_frames                # frames committed
    int frames_limit              # frames reserved (the maximum call depth)
    Handler* handlers
    int nhandlers
    int max_handlers              # handlers committed
    int handlers_limit            # handlers reserved
    int native_depth              # nested vm_run() activations (natives calling JS)
    int max_native_depth
    JSVal exc                     # pending exception (owned) when has_exc
    int has_exc
    int uncatchable               # the pending exception is an interrupt: no JS catch
    int interrupt_countdown
    int interrupted               # 1: handler said stop, 2: KeyboardInterrupt
    uint64_t steps                # instructions executed (approximate, for the tracer)

    # ---- well-known objects (owned references) ----
    uint32_t global_obj
    uint32_t global_lex           # top-level let/const/class bindings
    uint32_t lex_consts           # object whose keys are the const names among them
    uint32_t object_proto
    uint32_t function_proto
    uint32_t array_proto
    uint32_t string_proto
    uint32_t number_proto
    uint32_t boolean_proto
    uint32_t date_proto
    uint32_t regexp_proto
    uint32_t error_protos[E_COUNT]
    uint32_t eval_fn              # the original eval, for direct-eval detection
    uint32_t thrower              # %ThrowTypeError%
    uint32_t array_ctor
    uint32_t regexp_ctor          # the built-in RegExp: regexp literals construct through it

    # ---- hooks into the Python layer (engine.pyx) ----
    void* owner                   # the Engine object (borrowed PyObject*)
    int (*poll_interrupt)(Runtime* rt) noexcept
    uint32_t (*compile_eval)(Runtime* rt, JSVal source, int strict, int direct) noexcept
    uint32_t (*compile_function)(Runtime* rt, JSVal params, JSVal body) noexcept
    int (*host_call)(Runtime* rt, uint32_t fobj, JSVal this, int argc, JSVal* argv, JSVal* ret) noexcept
    int (*write_out)(Runtime* rt, int stream, const char* data, Py_ssize_t n) noexcept

    # ---- memory API (engine/memory.pyx, docs/memory-api.md) ----
    # the allocator observer (Engine.set_allocator): NULL unless one is installed
    void (*alloc_hook)(Runtime* rt, int event, uint32_t off, uint32_t size, uint32_t old_off,
                       uint32_t old_size, uint8_t btype) noexcept
    int in_alloc_hook             # the observer is running: no code may run in this engine

    # ---- tracing (engine/tracer.pyx, docs/tracing.md): read-only observers ----
    int tracing                   # the one flag the VM and the allocator test
    int (*trace_hook)(Runtime* rt) noexcept           # before every instruction; < 0 stops (exception pending)
    void (*trace_heap)(Runtime* rt, uint32_t off, int event) noexcept   # +1 allocated, -1 about to be freed
    void (*gc_observe)(Runtime* rt, int phase) noexcept   # the collector's phases (1 marked, 2 garbage flagged, 3 freed)
    void* trace_ctx               # the recorder (borrowed PyObject*)

    # ---- features of the profile (engine/profiles.py, docs/profiles.md) ----
    int no_pc2line                # lowmem: no line tables, no tracebacks
    int lightfunc_builtins        # built-in methods are lightfunc values, not objects
    uint32_t props_hash_min       # property tables with more entries than this get a hash index
    uint32_t strtab_max_load      # the string table doubles when strings > buckets * this
