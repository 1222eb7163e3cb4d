# The virtual machine: dispatch loop, calls, frames, exceptions.
#
# One value stack holds every frame:   [callee this arg0..argN-1 | locals | operands]
# A JavaScript call from JavaScript pushes a Frame and keeps looping (no C
# recursion), so recursion depth is bounded by the frame array, not the C
# stack.  Natives that call back into JavaScript re-enter run() through
# vm_call(), which marks its frame FR_BOUNDARY: returning from it returns
# from that run().  Nested pushes always start above the top frame's extent
# (locals + max_stack), which the compiler computed, so the loop never has
# to publish its stack pointer.
#
# Error convention everywhere: 0 = ok, -1 = exception pending in rt.exc.

from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t, uint8_t, int64_t
from libc.stdlib cimport malloc, free, calloc
from libc.string cimport memset, memcpy
from libc.math cimport fmod, isnan, floor

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.opcodes cimport *
from glassjs.engine.core.heap cimport incref, decref, incref_off, decref_off, dup, hdr, heap_alloc
from glassjs.engine.core.strings cimport (sptr, str_concat, str_to_py, str_from_py, str_len, str_equals,
                                           num_to_str, intern_ascii)
from glassjs.engine.core.objects cimport *
from glassjs.engine.core.ops cimport *
from glassjs.engine.core.env cimport *
from glassjs.engine.core.natives cimport native_info
from glassjs.engine.core.stack cimport stacks_init, stacks_destroy, stack_commit, handlers_commit

cdef enum:
    INTERRUPT_INTERVAL = 10000
    STACK_SLACK = 16                 # spare slots natives may rely on


# --- set-up ----------------------------------------------------------------------------

cdef int vm_init(Runtime* rt, size_t stack_bytes) noexcept:
    if stacks_init(rt, stack_bytes) < 0:
        return -1
    rt.max_native_depth = 400
    rt.interrupt_countdown = INTERRUPT_INTERVAL
    rt.call = vm_call
    rt.capture_stack = capture_stack
    return 0


cdef void vm_destroy(Runtime* rt) noexcept:
    stacks_destroy(rt)


cdef inline bint stack_room(Runtime* rt, JSVal* need, int nframes) noexcept:
    """Room on the value stack below `need` and for nframes frames, committing
    pages on first use (stack.pyx); 0 means a stack overflow."""
    if likely(need < rt.stack_end and nframes <= rt.max_frames):
        return 1
    return stack_commit(rt, need + 1, nframes) == 0


cdef inline JSCode* code_ptr(Runtime* rt, uint32_t off) noexcept:
    return <JSCode*>(rt.base + off)


cdef inline JSVal* free_stack(Runtime* rt) noexcept:
    """Where nested pushes start: above the top frame's extent."""
    cdef Frame* fr
    cdef JSCode* c
    if rt.nframes == 0:
        return rt.stack
    fr = &rt.frames[rt.nframes - 1]
    c = code_ptr(rt, fr.code)
    return fr.locals + c.nlocals + c.max_stack + 1


cdef int throw_stack_overflow(Runtime* rt) noexcept:
    return throw_error(rt, E_RANGE, "Maximum call stack size exceeded")


# --- frames --------------------------------------------------------------------------------

cdef int frame_push(Runtime* rt, uint32_t func, uint32_t code_off, JSVal* args, int argc,
                    int flags, uint32_t env) noexcept:
    """Enter code: args[-2] = callee, args[-1] = this, args[0..argc) = arguments.

    The frame takes a new reference to env.  On failure nothing was pushed.
    """
    cdef JSCode* c = code_ptr(rt, code_off)
    cdef int nargs = argc if argc > <int>c.nparams else <int>c.nparams
    cdef JSVal* locals = args + nargs
    cdef int i
    if not stack_room(rt, locals + c.nlocals + c.max_stack + STACK_SLACK, rt.nframes + 1):
        return throw_stack_overflow(rt)
    for i in range(argc, nargs):
        args[i] = UNDEFINED
    for i in range(c.nlocals):
        locals[i] = UNDEFINED
    cdef Frame* fr = &rt.frames[rt.nframes]
    rt.nframes += 1
    fr.func = func
    fr.code = code_off
    fr.pc = <uint32_t*>(<uint8_t*>c + c.code_at)
    fr.args = args
    fr.locals = locals
    fr.sp = locals + c.nlocals
    fr.env = env
    if env:
        incref_off(rt, env)
    fr.argc = argc
    fr.flags = flags
    fr.handler_base = rt.nhandlers
    fr.var_env = 0
    return 0


cdef void frame_release(Runtime* rt, JSVal* sp) noexcept:
    """Pop the top frame, releasing its whole stack region (callee and this included)."""
    cdef Frame* fr = &rt.frames[rt.nframes - 1]
    cdef JSVal* p = fr.args - 2
    cdef uint32_t env = fr.env
    cdef uint32_t code = fr.code
    cdef uint32_t func = fr.func
    rt.nhandlers = fr.handler_base
    rt.nframes -= 1
    while p < sp:
        decref(rt, p[0])
        p[0] = UNDEFINED
        p += 1
    if env:
        decref_off(rt, env)
    if func == 0:
        decref_off(rt, code)      # script and eval frames own their code


# --- calls from C --------------------------------------------------------------------------

cdef int call_native(Runtime* rt, JSVal f, JSVal this, int argc, JSVal* argv, int flags, JSVal* ret) noexcept:
    """Call anything callable that is not an ECMAScript function."""
    cdef NativeInfo* info
    cdef JSObject* o
    cdef JSBound* b
    cdef JSVal* all_args
    cdef JSVal* bound
    cdef int n, i, r
    ret[0] = UNDEFINED
    if is_lightfunc(f):
        info = native_info(lightfunc_index(f))
        if info == NULL:
            return throw_error(rt, E_TYPE, "invalid lightfunc")
        return info.fn(rt, this, argc, argv, lightfunc_magic(f), flags, ret)
    o = optr(rt, ref_of(f))
    if o.h.aux == CLASS_NATIVE:
        info = native_info(o.internal)
        return info.fn(rt, this, argc, argv, (<JSNative*>o).magic, flags, ret)
    if o.h.aux == CLASS_HOST:
        return rt.host_call(rt, ref_of(f), this, argc, argv, ret)
    if o.h.aux == CLASS_BOUND:
        b = <JSBound*>o
        n = <int>b.nargs + argc
        all_args = <JSVal*>malloc(8 * (n + 1))
        if all_args == NULL:
            return throw_oom(rt)
        if b.nargs:
            bound = elems_items(rt, b.args)
            for i in range(<int>b.nargs):
                all_args[i] = bound[i]
        for i in range(argc):
            all_args[b.nargs + i] = argv[i]
        # the arguments are borrowed from the bound function and the caller
        if flags & CALL_CONSTRUCT:
            r = vm_construct(rt, mk_object(o.internal), n, all_args, ret)
        else:
            r = vm_call(rt, mk_object(o.internal), b.bound_this, n, all_args, ret)
        free(all_args)
        return r
    return throw_error(rt, E_TYPE, "not a function")


cdef int vm_call(Runtime* rt, JSVal f, JSVal this, int argc, JSVal* argv, JSVal* ret) noexcept:
    """Call f with this and arguments (all borrowed); ret receives a new reference."""
    cdef JSVal* base
    cdef int i, r
    cdef JSObject* o
    if not is_callable(rt, f):
        ret[0] = UNDEFINED
        return throw_error(rt, E_TYPE, "not a function")
    if is_object(f) and optr(rt, ref_of(f)).h.aux == CLASS_FUNCTION:
        if rt.native_depth >= rt.max_native_depth:
            return throw_stack_overflow(rt)
        base = free_stack(rt)
        if not stack_room(rt, base + argc + 2 + STACK_SLACK, rt.nframes):
            return throw_stack_overflow(rt)
        base[0] = dup(rt, f)
        base[1] = dup(rt, this)
        for i in range(argc):
            base[2 + i] = dup(rt, argv[i])
        o = optr(rt, ref_of(f))
        if frame_push(rt, ref_of(f), o.internal, base + 2, argc, FR_BOUNDARY, (<JSFunction*>o).env) < 0:
            for i in range(argc + 2):
                decref(rt, base[i])
            return -1
        rt.native_depth += 1
        r = run(rt, ret)
        rt.native_depth -= 1
        return r
    if rt.native_depth >= rt.max_native_depth:
        return throw_stack_overflow(rt)
    rt.native_depth += 1
    r = call_native(rt, f, this, argc, argv, 0, ret)
    rt.native_depth -= 1
    return r


cdef int construct_this(Runtime* rt, JSVal f, uint32_t* out) noexcept:
    """The new object for `new f`: its prototype is f.prototype if an object."""
    cdef JSVal protov
    if get_prop(rt, ref_of(f), rt.atoms[A_prototype], f, &protov) < 0:
        return -1
    cdef uint32_t proto = ref_of(protov) if is_object(protov) else rt.object_proto
    out[0] = obj_alloc(rt, proto, CLASS_OBJECT, sizeof(JSObject))
    decref(rt, protov)
    if out[0] == 0:
        return throw_oom(rt)
    return 0


cdef bint is_constructor(Runtime* rt, JSVal f) noexcept:
    if is_lightfunc(f):
        return 1
    if not is_object(f):
        return 0
    return (optr(rt, ref_of(f)).oflags & OF_CONSTRUCTOR) != 0


cdef int vm_construct(Runtime* rt, JSVal f, int argc, JSVal* argv, JSVal* ret) noexcept:
    """new f(...argv)."""
    cdef uint32_t this_obj
    cdef JSVal* base
    cdef JSObject* o
    cdef int i, r
    ret[0] = UNDEFINED
    if not is_constructor(rt, f):
        return throw_error(rt, E_TYPE, "not a constructor")
    if is_lightfunc(f):
        this_obj = obj_new(rt)
        if this_obj == 0:
            return throw_oom(rt)
        r = call_native(rt, f, mk_object(this_obj), argc, argv, CALL_CONSTRUCT, ret)
        if r == 0 and not is_object(ret[0]):
            decref(rt, ret[0])
            ret[0] = mk_object(this_obj)
        else:
            decref_off(rt, this_obj)
        return r
    o = optr(rt, ref_of(f))
    if o.h.aux != CLASS_FUNCTION:
        if rt.native_depth >= rt.max_native_depth:
            return throw_stack_overflow(rt)
        rt.native_depth += 1
        r = call_native(rt, f, UNDEFINED, argc, argv, CALL_CONSTRUCT, ret)
        rt.native_depth -= 1
        return r
    if construct_this(rt, f, &this_obj) < 0:
        return -1
    if rt.native_depth >= rt.max_native_depth:
        decref_off(rt, this_obj)
        return throw_stack_overflow(rt)
    base = free_stack(rt)
    if not stack_room(rt, base + argc + 2 + STACK_SLACK, rt.nframes):
        decref_off(rt, this_obj)
        return throw_stack_overflow(rt)
    base[0] = dup(rt, f)
    base[1] = mk_object(this_obj)
    for i in range(argc):
        base[2 + i] = dup(rt, argv[i])
    o = optr(rt, ref_of(f))
    if frame_push(rt, ref_of(f), o.internal, base + 2, argc, FR_BOUNDARY | FR_CONSTRUCT, (<JSFunction*>o).env) < 0:
        for i in range(argc + 2):
            decref(rt, base[i])
        return -1
    rt.native_depth += 1
    r = run(rt, ret)
    rt.native_depth -= 1
    return r


cdef int vm_run_code(Runtime* rt, uint32_t code, JSVal this, uint32_t env, int flags, uint32_t var_env, JSVal* ret) noexcept:
    """Run script or eval code (code: a reference the frame takes over)."""
    cdef JSVal* base = free_stack(rt)
    if rt.native_depth >= rt.max_native_depth or not stack_room(rt, base + 2 + STACK_SLACK, rt.nframes):
        decref_off(rt, code)
        return throw_stack_overflow(rt)
    base[0] = UNDEFINED
    base[1] = dup(rt, this)
    if frame_push(rt, 0, code, base + 2, 0, flags | FR_BOUNDARY, env) < 0:
        decref(rt, base[1])
        decref_off(rt, code)
        return -1
    rt.frames[rt.nframes - 1].var_env = var_env
    rt.native_depth += 1
    cdef int r = run(rt, ret)
    rt.native_depth -= 1
    return r


# --- closures, arguments, for-in --------------------------------------------------------------

cdef uint32_t make_closure(Runtime* rt, uint32_t code, uint32_t env) noexcept:
    cdef uint32_t f = obj_alloc(rt, rt.function_proto, CLASS_FUNCTION, sizeof(JSFunction))
    if f == 0:
        throw_oom(rt)
        return 0
    cdef JSFunction* fn = <JSFunction*>(rt.base + f)
    cdef JSCode* c = code_ptr(rt, code)
    fn.o.internal = code
    incref_off(rt, code)
    fn.env = env
    if env:
        incref_off(rt, env)
    fn.o.oflags |= OF_CALLABLE | OF_LAZY
    if not (c.flags & (CF_ARROW | CF_METHOD)):
        fn.o.oflags |= OF_CONSTRUCTOR
    if c.flags & CF_STRICT:
        fn.o.oflags |= OF_STRICT
    return f


cdef uint32_t make_arguments(Runtime* rt, Frame* fr, bint mapped) noexcept:
    cdef uint32_t a = obj_alloc(rt, rt.object_proto, CLASS_ARGUMENTS, sizeof(JSArguments))
    cdef int i, n = fr.argc
    cdef JSVal* items
    cdef JSCode* c = code_ptr(rt, fr.code)
    cdef uint64_t acc
    if a == 0:
        throw_oom(rt)
        return 0
    if n and elems_reserve(rt, a, <uint32_t>n) < 0:
        decref_off(rt, a)
        return 0
    if n:
        items = elems_items(rt, optr(rt, a).elems)
        for i in range(n):
            items[i] = dup(rt, fr.args[i])
    optr(rt, a).length = <uint32_t>n
    if prop_add(rt, a, rt.atoms[A_length], PF_WRITABLE | PF_CONFIGURABLE, mk_number(<double>n)) < 0:
        decref_off(rt, a)
        return 0
    if mapped:
        if prop_add(rt, a, rt.atoms[A_callee], PF_WRITABLE | PF_CONFIGURABLE, fr.args[-2]) < 0:
            decref_off(rt, a)
            return 0
        if fr.env and c.nparams:
            optr(rt, a).internal = fr.env
            incref_off(rt, fr.env)
            for i in range(n if n < <int>c.nparams else <int>c.nparams):
                if i < 64:
                    (<JSArguments*>optr(rt, a)).mapped |= (<uint64_t>1) << i
    else:
        acc = rt.thrower | ((<uint64_t>rt.thrower) << 32)
        if prop_add(rt, a, rt.atoms[A_callee], PF_ACCESSOR, acc) < 0:
            decref_off(rt, a)
            return 0
    return a


cdef uint32_t forin_new(Runtime* rt, JSVal v) noexcept:
    """An iterator over the enumerable keys of v and its prototypes (ES5.1 12.6.4)."""
    cdef uint32_t it = obj_alloc(rt, 0, CLASS_FORIN, sizeof(JSForIn))
    cdef uint32_t obj, keys, pk, p, q, k, n, i, j
    cdef JSVal* items
    cdef bint shadowed
    cdef int r
    if it == 0:
        throw_oom(rt)
        return 0
    if is_nullish(v):
        return it
    obj = to_object(rt, v)
    if obj == 0:
        decref_off(rt, it)
        return 0
    optr(rt, it).internal = obj       # the iterator keeps the reference
    keys = own_keys(rt, obj, KEYS_ENUMERABLE)
    if keys == 0:
        decref_off(rt, it)
        return 0
    p = optr(rt, obj).proto
    while p:
        pk = own_keys(rt, p, KEYS_ENUMERABLE)
        if pk == 0:
            decref_off(rt, keys)
            decref_off(rt, it)
            return 0
        n = optr(rt, pk).length
        for i in range(n):
            k = ref_of(elems_items(rt, optr(rt, pk).elems)[i])
            shadowed = 0
            q = obj
            while q != p:
                r = has_own_property(rt, q, k)
                if r < 0:
                    decref_off(rt, pk)
                    decref_off(rt, keys)
                    decref_off(rt, it)
                    return 0
                if r:
                    shadowed = 1
                    break
                q = optr(rt, q).proto
            if not shadowed:
                for j in range(optr(rt, keys).length):
                    if elems_items(rt, optr(rt, keys).elems)[j] == mk_string(k):
                        shadowed = 1
                        break
            if not shadowed and arr_push(rt, keys, mk_string(k)) < 0:
                decref_off(rt, pk)
                decref_off(rt, keys)
                decref_off(rt, it)
                return 0
        decref_off(rt, pk)
        p = optr(rt, p).proto
    cdef JSForIn* fi = <JSForIn*>optr(rt, it)
    fi.count = optr(rt, keys).length
    fi.o.elems = optr(rt, keys).elems   # steal the key array's elements
    incref_off(rt, fi.o.elems)
    decref_off(rt, keys)
    return it


# --- stack traces --------------------------------------------------------------------------

cdef int pc_position(Runtime* rt, uint32_t code, uint32_t pc_index, int* line, int* column) noexcept:
    cdef JSCode* c = code_ptr(rt, code)
    cdef uint32_t* pos = <uint32_t*>(<uint8_t*>c + c.pos_at)
    cdef uint32_t i
    line[0] = <int>c.line
    column[0] = <int>c.column
    if c.npos == 0:
        return 0
    for i in range(c.npos):
        if pos[3 * i] > pc_index:
            break
        line[0] = <int>pos[3 * i + 1]
        column[0] = <int>pos[3 * i + 2]
    return 1


cdef uint32_t capture_stack(Runtime* rt) noexcept:
    """The '    at fn (file:line:col)' lines of the current call stack."""
    cdef int i, line, col
    cdef Frame* fr
    cdef JSCode* c
    cdef uint32_t pc_index
    if rt.no_pc2line:
        return 0
    parts = []
    try:
        i = rt.nframes - 1
        while i >= 0 and len(parts) < 40:
            fr = &rt.frames[i]
            c = code_ptr(rt, fr.code)
            pc_index = <uint32_t>((<uint8_t*>fr.pc - (<uint8_t*>c + c.code_at)) // 4)
            pc_position(rt, fr.code, pc_index - 1 if pc_index else 0, &line, &col)
            name = str_to_py(rt, c.name) if c.name else ""
            fname = str_to_py(rt, c.filename) if c.filename else "<anonymous>"
            if c.flags & CF_SCRIPT:
                parts.append("    at %s:%d:%d" % (fname, line, col + 1))
            elif c.flags & CF_EVAL:
                parts.append("    at eval (%s:%d:%d)" % (fname, line, col + 1))
            else:
                parts.append("    at %s (%s:%d:%d)" % (name or "<anonymous>", fname, line, col + 1))
            i -= 1
        return str_from_py(rt, "\n".join(parts))
    except BaseException:
        return 0


# --- the dispatch loop ----------------------------------------------------------------------

cdef int poll(Runtime* rt) noexcept:
    """Every INTERRUPT_INTERVAL backward jumps/calls: ask the host whether to stop."""
    rt.interrupt_countdown = INTERRUPT_INTERVAL
    if rt.poll_interrupt != NULL and rt.poll_interrupt(rt):
        # uncatchable: no JS handler may run
        throw_error(rt, E_ERROR, "interrupted")
        rt.uncatchable = 1
        return -1
    return 0


cdef inline JSVal* env_slot(Runtime* rt, uint32_t env, uint32_t a) noexcept:
    cdef uint32_t depth = a >> 16
    while depth:
        env = (<JSEnv*>(rt.base + env)).parent
        depth -= 1
    return <JSVal*>(rt.base + env + ENV_HEADER) + (a & 0xFFFF)


cdef JSVal this_value(Runtime* rt, Frame* fr, bint strict) noexcept:
    """The frame's `this`, with sloppy-mode coercion (cached back in the slot); borrowed."""
    cdef JSVal t = fr.args[-1]
    cdef uint32_t o
    if strict or is_object(t):
        return t
    if is_nullish(t):
        fr.args[-1] = mk_object(rt.global_obj)
        incref_off(rt, rt.global_obj)
        return fr.args[-1]
    o = to_object(rt, t)
    if o == 0:
        return UNDEFINED
    decref(rt, t)
    fr.args[-1] = mk_object(o)
    return fr.args[-1]


cdef int throw_not_function(Runtime* rt, JSVal* consts, uint32_t namek, JSVal f, bint construct) noexcept:
    cdef str what = "expression"
    if namek != 0xFFFFFFFF and is_string(consts[namek]):
        what = str_to_py(rt, ref_of(consts[namek]))
    if construct:
        return throw_error_str(rt, E_TYPE, "%s is not a constructor" % what)
    return throw_error_str(rt, E_TYPE, "%s is not a function" % what)


cdef int run(Runtime* rt, JSVal* result) noexcept:
    """Execute the top frame (pushed with FR_BOUNDARY) until it returns."""
    cdef Frame* fr
    cdef JSCode* code
    cdef uint32_t* pc
    cdef uint32_t* code_start
    cdef JSVal* sp
    cdef JSVal* args
    cdef JSVal* locals
    cdef JSVal* consts
    cdef uint32_t* caches
    cdef bint strict
    cdef uint32_t insn, op, a, b, k, off, obj
    cdef int32_t ia
    cdef int argc, r, flag, i
    cdef double x, y
    cdef JSVal v, w, t, old
    cdef JSVal* slot
    cdef JSObject* o
    cdef PropEntry* e
    cdef PropTable* tab
    cdef Handler* h
    cdef PropDesc d
    cdef JSForIn* fi

    fr = &rt.frames[rt.nframes - 1]
    code = code_ptr(rt, fr.code)
    code_start = <uint32_t*>(<uint8_t*>code + code.code_at)
    pc = fr.pc
    sp = fr.sp
    args = fr.args
    locals = fr.locals
    consts = <JSVal*>(<uint8_t*>code + code.consts_at)
    caches = <uint32_t*>(<uint8_t*>code + code.caches_at)
    strict = (code.flags & CF_STRICT) != 0

    while True:
        # ---------------- dispatch: `break` means an exception is pending ----------------
        while True:
            if unlikely(rt.tracing):
                fr.pc = pc
                fr.sp = sp
                if rt.trace_hook != NULL and rt.trace_hook(rt) < 0:
                    break
            insn = pc[0]
            op = insn & 0xFF
            a = insn >> 8
            pc += 1

            if op == OP_GET_LOC:
                v = locals[a]
                incref(rt, v)
                sp[0] = v
                sp += 1
            elif op == OP_PUT_LOC:
                sp -= 1
                old = locals[a]
                locals[a] = sp[0]
                decref(rt, old)
            elif op == OP_GET_ARG:
                v = args[a]
                incref(rt, v)
                sp[0] = v
                sp += 1
            elif op == OP_PUT_ARG:
                sp -= 1
                old = args[a]
                args[a] = sp[0]
                decref(rt, old)
            elif op == OP_PUSH_INT:
                ia = (<int32_t>insn) >> 8
                sp[0] = mk_number(<double>ia)
                sp += 1
            elif op == OP_PUSH_CONST:
                v = consts[a]
                incref(rt, v)
                sp[0] = v
                sp += 1
            elif op == OP_GET_ENV:
                v = env_slot(rt, fr.env, a)[0]
                incref(rt, v)
                sp[0] = v
                sp += 1
            elif op == OP_PUT_ENV:
                sp -= 1
                slot = env_slot(rt, fr.env, a)
                old = slot[0]
                slot[0] = sp[0]
                decref(rt, old)
            elif op == OP_ADD:
                v = sp[-2]
                w = sp[-1]
                if likely(is_number(v) and is_number(w)):
                    sp[-2] = mk_number(num_of(v) + num_of(w))
                    sp -= 1
                else:
                    fr.pc = pc
                    r = op_add(rt, v, w, &t)
                    if r < 0:
                        break
                    decref(rt, v)
                    decref(rt, w)
                    sp[-2] = t
                    sp -= 1
            elif op == OP_SUB or op == OP_MUL or op == OP_DIV:
                v = sp[-2]
                w = sp[-1]
                if likely(is_number(v) and is_number(w)):
                    x = num_of(v)
                    y = num_of(w)
                    if op == OP_SUB:
                        x = x - y
                    elif op == OP_MUL:
                        x = x * y
                    else:
                        x = x / y
                    sp[-2] = mk_number(x)
                    sp -= 1
                else:
                    fr.pc = pc
                    if op_arith(rt, op, v, w, &t) < 0:
                        break
                    decref(rt, v)
                    decref(rt, w)
                    sp[-2] = t
                    sp -= 1
            elif op == OP_LT or op == OP_LE or op == OP_GT or op == OP_GE:
                v = sp[-2]
                w = sp[-1]
                if likely(is_number(v) and is_number(w)):
                    x = num_of(v)
                    y = num_of(w)
                    if op == OP_LT:
                        flag = x < y
                    elif op == OP_LE:
                        flag = x <= y
                    elif op == OP_GT:
                        flag = x > y
                    else:
                        flag = x >= y
                else:
                    fr.pc = pc
                    if op == OP_LT:
                        r = op_compare(rt, v, w, 1, &i)
                        flag = i == 1
                    elif op == OP_GT:
                        r = op_compare(rt, w, v, 0, &i)
                        flag = i == 1
                    elif op == OP_LE:
                        r = op_compare(rt, w, v, 0, &i)
                        flag = i == 0
                    else:
                        r = op_compare(rt, v, w, 1, &i)
                        flag = i == 0
                    if r < 0:
                        break
                    decref(rt, v)
                    decref(rt, w)
                sp[-2] = mk_bool(flag)
                sp -= 1
            elif op == OP_JMP_FALSE or op == OP_JMP_TRUE:
                sp -= 1
                v = sp[0]
                if v == JSTRUE:
                    flag = 1
                elif v == JSFALSE:
                    flag = 0
                else:
                    flag = to_boolean(rt, v)
                    decref(rt, v)
                if flag == (op == OP_JMP_TRUE):
                    ia = (<int32_t>insn) >> 8
                    pc += ia
                    if ia < 0:
                        rt.interrupt_countdown -= 1
                        if unlikely(rt.interrupt_countdown <= 0):
                            fr.pc = pc
                            if poll(rt) < 0:
                                break
            elif op == OP_JMP:
                ia = (<int32_t>insn) >> 8
                pc += ia
                if ia < 0:
                    rt.interrupt_countdown -= 1
                    if unlikely(rt.interrupt_countdown <= 0):
                        fr.pc = pc
                        if poll(rt) < 0:
                            break
            elif op == OP_GET_PROP:
                v = sp[-1]
                k = ref_of(consts[a])
                fr.pc = pc
                if likely(is_object(v)):
                    r = get_prop(rt, ref_of(v), k, v, &t)
                else:
                    r = get_value(rt, v, k, &t)
                if r < 0:
                    break
                sp[-1] = t
                decref(rt, v)
            elif op == OP_PUT_PROP:
                fr.pc = pc
                v = sp[-2]
                w = sp[-1]
                if put_value(rt, v, ref_of(consts[a]), w, strict) < 0:
                    break
                sp -= 2
                decref(rt, v)
                decref(rt, w)
            elif op == OP_GET_ELEM:
                v = sp[-2]
                w = sp[-1]
                if is_object(v) and is_number(w):
                    x = num_of(w)
                    if x >= 0 and x < 4294967295.0:
                        b = <uint32_t>x
                        if <double>b == x:
                            slot = dense_slot(rt, optr(rt, ref_of(v)), b)
                            if slot != NULL and slot[0] != EMPTY:
                                t = slot[0]
                                incref(rt, t)
                                sp -= 1
                                sp[-1] = t
                                decref(rt, v)
                                continue
                fr.pc = pc
                if get_elem(rt, v, w, &t) < 0:
                    break
                sp -= 1
                sp[-1] = t
                decref(rt, v)
                decref(rt, w)
            elif op == OP_PUT_ELEM:
                v = sp[-3]
                w = sp[-2]
                if is_object(v) and is_number(w):
                    x = num_of(w)
                    if x >= 0 and x < 4294967295.0:
                        b = <uint32_t>x
                        if <double>b == x:
                            slot = dense_slot(rt, optr(rt, ref_of(v)), b)
                            if slot != NULL and slot[0] != EMPTY:
                                old = slot[0]
                                slot[0] = sp[-1]           # the stack's reference moves in
                                sp -= 3
                                decref(rt, old)
                                decref(rt, v)
                                continue
                fr.pc = pc
                if put_elem(rt, sp[-3], sp[-2], sp[-1], strict) < 0:
                    break
                sp -= 3
                decref(rt, sp[0])
                decref(rt, sp[1])
                decref(rt, sp[2])
            elif op == OP_GET_METHOD:
                fr.pc = pc
                v = sp[-1]
                k = ref_of(consts[a])
                if likely(is_object(v)):
                    r = get_prop(rt, ref_of(v), k, v, &t)
                else:
                    r = get_value(rt, v, k, &t)
                if r < 0:
                    break
                sp[-1] = t
                sp[0] = v
                sp += 1
            elif op == OP_GET_ELEM_METHOD:
                fr.pc = pc
                v = sp[-2]
                w = sp[-1]
                if get_elem(rt, v, w, &t) < 0:
                    break
                sp[-2] = t
                sp[-1] = v
                decref(rt, w)
            elif op == OP_GET_GLOBAL:
                k = ref_of(consts[a])
                b = pc[0]
                pc += 1
                o = optr(rt, rt.global_obj)
                slot = NULL
                if caches[2 * b] == o.props and o.props and caches[2 * b + 1] < (<PropTable*>(rt.base + o.props)).used:
                    tab = <PropTable*>(rt.base + o.props)
                    e = table_entries(tab) + caches[2 * b + 1]
                    if e.key == k and not (e.flags & PF_ACCESSOR) and (rt.global_lex == 0 or optr(rt, rt.global_lex).props == 0
                                                                          or prop_find(rt, rt.global_lex, k) == NULL):
                        v = e.value
                        incref(rt, v)
                        sp[0] = v
                        sp += 1
                        continue
                fr.pc = pc
                if global_get(rt, k, &t) < 0:
                    break
                sp[0] = t
                sp += 1
                e = prop_find(rt, rt.global_obj, k)
                if e != NULL:
                    o = optr(rt, rt.global_obj)
                    caches[2 * b] = o.props
                    caches[2 * b + 1] = <uint32_t>(e - table_entries(<PropTable*>(rt.base + o.props)))
            elif op == OP_PUT_GLOBAL:
                k = ref_of(consts[a])
                b = pc[0]
                pc += 1
                o = optr(rt, rt.global_obj)
                if caches[2 * b] == o.props and o.props and caches[2 * b + 1] < (<PropTable*>(rt.base + o.props)).used:
                    tab = <PropTable*>(rt.base + o.props)
                    e = table_entries(tab) + caches[2 * b + 1]
                    if e.key == k and (e.flags & (PF_ACCESSOR | PF_WRITABLE)) == PF_WRITABLE and \
                            (rt.global_lex == 0 or optr(rt, rt.global_lex).props == 0 or prop_find(rt, rt.global_lex, k) == NULL):
                        sp -= 1
                        old = e.value
                        e.value = sp[0]
                        decref(rt, old)
                        continue
                fr.pc = pc
                if global_put(rt, k, sp[-1], strict) < 0:
                    break
                sp -= 1
                decref(rt, sp[0])
                e = prop_find(rt, rt.global_obj, k)
                if e != NULL:
                    o = optr(rt, rt.global_obj)
                    caches[2 * b] = o.props
                    caches[2 * b + 1] = <uint32_t>(e - table_entries(<PropTable*>(rt.base + o.props)))
            elif op == OP_CALL or op == OP_NEW or op == OP_CALL_EVAL:
                argc = <int>a
                b = pc[0]            # callee text, for error messages
                pc += 1
                fr.pc = pc
                fr.sp = sp
                slot = sp - argc - 2     # [f this args...]
                v = slot[0]
                if op == OP_CALL_EVAL and is_object(v) and ref_of(v) == rt.eval_fn:
                    if direct_eval(rt, fr, slot, argc, strict) < 0:
                        break
                    fr = &rt.frames[rt.nframes - 1]
                    if fr.args == slot + 2:
                        # an eval frame was pushed: run it like a called function
                        code = code_ptr(rt, fr.code)
                        code_start = <uint32_t*>(<uint8_t*>code + code.code_at)
                        pc = fr.pc
                        sp = fr.sp
                        args = fr.args
                        locals = fr.locals
                        consts = <JSVal*>(<uint8_t*>code + code.consts_at)
                        caches = <uint32_t*>(<uint8_t*>code + code.caches_at)
                        strict = (code.flags & CF_STRICT) != 0
                    else:
                        sp = slot + 1        # direct_eval left the result in slot[0]
                    continue
                if is_object(v) and optr(rt, ref_of(v)).h.aux == CLASS_FUNCTION and \
                        (op != OP_NEW or (optr(rt, ref_of(v)).oflags & OF_CONSTRUCTOR)):
                    o = optr(rt, ref_of(v))
                    flag = 0
                    if op == OP_NEW:
                        if construct_this(rt, v, &obj) < 0:
                            break
                        old = slot[1]
                        slot[1] = mk_object(obj)
                        decref(rt, old)
                        flag = FR_CONSTRUCT
                    if frame_push(rt, ref_of(v), o.internal, slot + 2, argc, flag, (<JSFunction*>o).env) < 0:
                        break
                    rt.interrupt_countdown -= 1
                    if unlikely(rt.interrupt_countdown <= 0):
                        if poll(rt) < 0:
                            fr = &rt.frames[rt.nframes - 1]
                            sp = fr.sp
                            break
                    fr = &rt.frames[rt.nframes - 1]
                    code = code_ptr(rt, fr.code)
                    code_start = <uint32_t*>(<uint8_t*>code + code.code_at)
                    pc = fr.pc
                    sp = fr.sp
                    args = fr.args
                    locals = fr.locals
                    consts = <JSVal*>(<uint8_t*>code + code.consts_at)
                    caches = <uint32_t*>(<uint8_t*>code + code.caches_at)
                    strict = (code.flags & CF_STRICT) != 0
                    continue
                # natives, bound functions, host functions
                if op == OP_NEW:
                    if not is_constructor(rt, v):
                        throw_not_function(rt, consts, b, v, 1)
                        break
                    r = vm_construct(rt, v, argc, slot + 2, &t)
                else:
                    if not is_callable(rt, v):
                        throw_not_function(rt, consts, b, v, 0)
                        break
                    if rt.native_depth >= rt.max_native_depth:
                        throw_stack_overflow(rt)
                        break
                    rt.native_depth += 1
                    r = call_native(rt, v, slot[1], argc, slot + 2, 0, &t)
                    rt.native_depth -= 1
                if r < 0:
                    break
                while sp > slot:
                    sp -= 1
                    decref(rt, sp[0])
                sp[0] = t
                sp += 1
            elif op == OP_RET or op == OP_RET_UNDEF:
                if op == OP_RET:
                    sp -= 1
                    v = sp[0]
                else:
                    v = UNDEFINED
                flag = fr.flags
                if (flag & FR_CONSTRUCT) and not is_object(v):
                    decref(rt, v)
                    v = dup(rt, args[-1])
                slot = args - 2
                frame_release(rt, sp)
                if flag & FR_BOUNDARY:
                    result[0] = v
                    return 0
                fr = &rt.frames[rt.nframes - 1]
                sp = slot
                sp[0] = v
                sp += 1
                code = code_ptr(rt, fr.code)
                code_start = <uint32_t*>(<uint8_t*>code + code.code_at)
                pc = fr.pc
                args = fr.args
                locals = fr.locals
                consts = <JSVal*>(<uint8_t*>code + code.consts_at)
                caches = <uint32_t*>(<uint8_t*>code + code.caches_at)
                strict = (code.flags & CF_STRICT) != 0
            elif op == OP_EQ or op == OP_NE or op == OP_SEQ or op == OP_SNE:
                v = sp[-2]
                w = sp[-1]
                if is_number(v) and is_number(w):
                    flag = num_of(v) == num_of(w)
                elif op == OP_SEQ or op == OP_SNE:
                    flag = op_strict_eq(rt, v, w)
                else:
                    fr.pc = pc
                    if op_loose_eq(rt, v, w, &i) < 0:
                        break
                    flag = i
                if op == OP_NE or op == OP_SNE:
                    flag = not flag
                decref(rt, v)
                decref(rt, w)
                sp[-2] = mk_bool(flag)
                sp -= 1
            elif op == OP_POP:
                sp -= 1
                decref(rt, sp[0])
            elif op == OP_DUP:
                v = sp[-1]
                incref(rt, v)
                sp[0] = v
                sp += 1
            elif op == OP_INC or op == OP_DEC:
                v = sp[-1]
                if likely(is_number(v)):
                    x = num_of(v)
                else:
                    fr.pc = pc
                    if to_number(rt, v, &x) < 0:
                        break
                    decref(rt, v)
                sp[-1] = mk_number(x + 1.0 if op == OP_INC else x - 1.0)
            elif op == OP_MOD:
                v = sp[-2]
                w = sp[-1]
                if likely(is_number(v) and is_number(w)):
                    x = num_of(v)
                    y = num_of(w)
                    if x > 0 and y > 0 and x < 9007199254740992.0 and y < 9007199254740992.0 \
                            and x == <double><int64_t>x and y == <double><int64_t>y:
                        x = <double>(<int64_t>x % <int64_t>y)
                    else:
                        x = fmod(x, y)
                    sp[-2] = mk_number(x)
                    sp -= 1
                else:
                    fr.pc = pc
                    if op_arith(rt, op, v, w, &t) < 0:
                        break
                    decref(rt, v)
                    decref(rt, w)
                    sp[-2] = t
                    sp -= 1
            elif op == OP_BAND or op == OP_BOR or op == OP_BXOR or op == OP_SHL or op == OP_SAR or op == OP_SHR:
                v = sp[-2]
                w = sp[-1]
                if likely(is_number(v) and is_number(w)):
                    ia = d_to_int32(num_of(v))
                    i = d_to_int32(num_of(w))
                    if op == OP_BAND:
                        x = <double>(ia & i)
                    elif op == OP_BOR:
                        x = <double>(ia | i)
                    elif op == OP_BXOR:
                        x = <double>(ia ^ i)
                    elif op == OP_SHL:
                        x = <double><int32_t>(<uint32_t>ia << (i & 31))
                    elif op == OP_SAR:
                        x = <double>(ia >> (i & 31))
                    else:
                        x = <double>((<uint32_t>ia) >> (i & 31))
                    sp[-2] = mk_number(x)
                    sp -= 1
                else:
                    fr.pc = pc
                    if op_arith(rt, op, v, w, &t) < 0:
                        break
                    decref(rt, v)
                    decref(rt, w)
                    sp[-2] = t
                    sp -= 1
            elif op == OP_PUSH_UNDEF:
                sp[0] = UNDEFINED
                sp += 1
            elif op == OP_PUSH_NULL:
                sp[0] = JSNULL
                sp += 1
            elif op == OP_PUSH_TRUE:
                sp[0] = JSTRUE
                sp += 1
            elif op == OP_PUSH_FALSE:
                sp[0] = JSFALSE
                sp += 1
            elif op == OP_PUSH_EMPTY:
                sp[0] = EMPTY
                sp += 1
            elif op == OP_PUSH_THIS:
                fr.pc = pc
                if code.flags & CF_SCRIPT and not (fr.flags & FR_EVAL):
                    v = args[-1]
                else:
                    v = this_value(rt, fr, strict)
                    if rt.has_exc:
                        break
                incref(rt, v)
                sp[0] = v
                sp += 1
            elif op == OP_PUSH_CALLEE:
                v = args[-2]
                incref(rt, v)
                sp[0] = v
                sp += 1
            elif op == OP_JMP_TRUE_KEEP or op == OP_JMP_FALSE_KEEP:
                v = sp[-1]
                flag = to_boolean(rt, v)
                if flag == (op == OP_JMP_TRUE_KEEP):
                    pc += (<int32_t>insn) >> 8
                else:
                    sp -= 1
                    decref(rt, v)
            elif op == OP_NOT:
                v = sp[-1]
                flag = to_boolean(rt, v)
                decref(rt, v)
                sp[-1] = mk_bool(not flag)
            elif op == OP_NEG or op == OP_PLUS:
                v = sp[-1]
                if is_number(v):
                    x = num_of(v)
                else:
                    fr.pc = pc
                    if to_number(rt, v, &x) < 0:
                        break
                    decref(rt, v)
                sp[-1] = mk_number(-x if op == OP_NEG else x)
            elif op == OP_BNOT:
                v = sp[-1]
                if is_number(v):
                    x = num_of(v)
                else:
                    fr.pc = pc
                    if to_number(rt, v, &x) < 0:
                        break
                    decref(rt, v)
                sp[-1] = mk_number(<double>(~d_to_int32(x)))
            elif op == OP_TYPEOF:
                v = sp[-1]
                k = type_of(rt, v)
                incref_off(rt, k)
                decref(rt, v)
                sp[-1] = mk_string(k)
            elif op == OP_DUP2:
                v = sp[-2]
                w = sp[-1]
                incref(rt, v)
                incref(rt, w)
                sp[0] = v
                sp[1] = w
                sp += 2
            elif op == OP_SWAP:
                v = sp[-1]
                sp[-1] = sp[-2]
                sp[-2] = v
            elif op == OP_INSERT2:
                v = sp[-1]
                incref(rt, v)
                sp[0] = v
                sp[-1] = sp[-2]
                sp[-2] = v
                sp += 1
            elif op == OP_INSERT3:
                v = sp[-1]
                incref(rt, v)
                sp[0] = v
                sp[-1] = sp[-2]
                sp[-2] = sp[-3]
                sp[-3] = v
                sp += 1
            elif op == OP_INSERT4:
                v = sp[-1]
                incref(rt, v)
                sp[0] = v
                sp[-1] = sp[-2]
                sp[-2] = sp[-3]
                sp[-3] = sp[-4]
                sp[-4] = v
                sp += 1
            elif op == OP_GET_LOC_CHECK:
                v = locals[a]
                k = pc[0]
                pc += 1
                if v == EMPTY:
                    fr.pc = pc
                    throw_tdz(rt, ref_of(consts[k]))
                    break
                incref(rt, v)
                sp[0] = v
                sp += 1
            elif op == OP_GET_ENV_CHECK:
                v = env_slot(rt, fr.env, a)[0]
                k = pc[0]
                pc += 1
                if v == EMPTY:
                    fr.pc = pc
                    throw_tdz(rt, ref_of(consts[k]))
                    break
                incref(rt, v)
                sp[0] = v
                sp += 1
            elif op == OP_GET_NAME or op == OP_GET_NAME_CALL:
                fr.pc = pc
                if op == OP_GET_NAME:
                    if name_get(rt, fr.env, ref_of(consts[a]), &t, NULL) < 0:
                        break
                    sp[0] = t
                    sp += 1
                else:
                    if name_get(rt, fr.env, ref_of(consts[a]), &t, &w) < 0:
                        break
                    sp[0] = t
                    sp[1] = w
                    sp += 2
            elif op == OP_PUT_NAME:
                fr.pc = pc
                if name_put(rt, fr.env, ref_of(consts[a]), sp[-1], strict) < 0:
                    break
                sp -= 1
                decref(rt, sp[0])
            elif op == OP_REF_NAME:
                fr.pc = pc
                if ref_resolve(rt, fr.env, ref_of(consts[a]), &t) < 0:
                    break
                sp[0] = t
                sp += 1
            elif op == OP_GET_REF:
                fr.pc = pc
                if ref_get(rt, sp[-1], ref_of(consts[a]), &t) < 0:
                    break
                sp[0] = t
                sp += 1
            elif op == OP_PUT_REF:
                fr.pc = pc
                if ref_put(rt, sp[-2], ref_of(consts[a]), sp[-1], strict) < 0:
                    break
                sp -= 2
                decref(rt, sp[0])
                decref(rt, sp[1])
            elif op == OP_TYPEOF_NAME:
                fr.pc = pc
                if name_typeof(rt, fr.env, ref_of(consts[a]), &t) < 0:
                    break
                sp[0] = t
                sp += 1
            elif op == OP_DELETE_NAME:
                fr.pc = pc
                if name_delete(rt, fr.env, ref_of(consts[a]), &t) < 0:
                    break
                sp[0] = t
                sp += 1
            elif op == OP_DECL_VAR:
                fr.pc = pc
                if declare_var(rt, fr.var_env if fr.flags & FR_EVAL else 0, ref_of(consts[a]),
                               (code.flags & CF_EVAL) != 0) < 0:
                    break
            elif op == OP_DECL_FUNC:
                fr.pc = pc
                if declare_func(rt, fr.var_env if fr.flags & FR_EVAL else 0, ref_of(consts[a]), sp[-1],
                                (code.flags & CF_EVAL) != 0) < 0:
                    break
                sp -= 1
                decref(rt, sp[0])
            elif op == OP_DECL_LEX:
                b = pc[0]
                pc += 1
                fr.pc = pc
                if declare_lex(rt, ref_of(consts[a]), b != 0) < 0:
                    break
            elif op == OP_INIT_LEX:
                fr.pc = pc
                if init_lex(rt, ref_of(consts[a]), sp[-1]) < 0:
                    break
                sp -= 1
                decref(rt, sp[0])
            elif op == OP_ENTER_ENV:
                fr.pc = pc
                off = env_new(rt, fr.env, ref_of(consts[a]))
                if off == 0:
                    break
                if fr.env:
                    decref_off(rt, fr.env)    # the new environment holds the parent now
                fr.env = off
            elif op == OP_ENTER_WITH:
                fr.pc = pc
                v = sp[-1]
                obj = to_object(rt, v)
                if obj == 0:
                    break
                off = env_new_with(rt, fr.env, obj)
                decref_off(rt, obj)
                if off == 0:
                    break
                sp -= 1
                decref(rt, v)
                if fr.env:
                    decref_off(rt, fr.env)
                fr.env = off
            elif op == OP_LEAVE_ENV:
                off = fr.env
                fr.env = (<JSEnv*>(rt.base + off)).parent
                if fr.env:
                    incref_off(rt, fr.env)
                decref_off(rt, off)
            elif op == OP_ARGUMENTS:
                fr.pc = pc
                off = make_arguments(rt, fr, a != 0)
                if off == 0:
                    break
                sp[0] = mk_object(off)
                sp += 1
            elif op == OP_NEW_OBJECT:
                off = obj_new(rt)
                if off == 0:
                    fr.pc = pc
                    throw_oom(rt)
                    break
                sp[0] = mk_object(off)
                sp += 1
            elif op == OP_NEW_ARRAY:
                fr.pc = pc
                off = arr_new(rt, a)
                if off == 0:
                    throw_oom(rt)
                    break
                if a:
                    slot = elems_items(rt, optr(rt, off).elems)
                    sp -= a
                    for i in range(<int>a):
                        slot[i] = sp[i]        # references move into the array
                sp[0] = mk_object(off)
                sp += 1
            elif op == OP_INIT_PROP:
                fr.pc = pc
                if prop_set_own(rt, ref_of(sp[-2]), ref_of(consts[a]), PF_DEFAULT, sp[-1]) < 0:
                    break
                sp -= 1
                decref(rt, sp[0])
            elif op == OP_INIT_ELEM:
                fr.pc = pc
                k = to_property_key(rt, sp[-2])
                if k == 0:
                    break
                if optr(rt, ref_of(sp[-3])).h.aux == CLASS_ARRAY:
                    # an array (a rest parameter's): define, so that length follows
                    d.has = HAS_VALUE | HAS_WRITABLE | HAS_ENUMERABLE | HAS_CONFIGURABLE
                    d.flags = PF_DEFAULT
                    d.value = sp[-1]
                    d.getter = UNDEFINED
                    d.setter = UNDEFINED
                    r = define_own_property(rt, ref_of(sp[-3]), k, &d, 1)
                else:
                    r = prop_set_own(rt, ref_of(sp[-3]), k, PF_DEFAULT, sp[-1])
                decref_off(rt, k)
                if r < 0:
                    break
                sp -= 2
                decref(rt, sp[0])
                decref(rt, sp[1])
            elif op == OP_INIT_GET or op == OP_INIT_SET:
                fr.pc = pc
                d.has = HAS_ENUMERABLE | HAS_CONFIGURABLE | (HAS_GET if op == OP_INIT_GET else HAS_SET)
                d.flags = PF_ENUMERABLE | PF_CONFIGURABLE
                d.getter = sp[-1]
                d.setter = sp[-1]
                d.value = UNDEFINED
                if define_own_property(rt, ref_of(sp[-2]), ref_of(consts[a]), &d, 1) < 0:
                    break
                sp -= 1
                decref(rt, sp[0])
            elif op == OP_CLOSURE:
                fr.pc = pc
                off = make_closure(rt, ref_of(consts[a]), fr.env)
                if off == 0:
                    break
                sp[0] = mk_object(off)
                sp += 1
            elif op == OP_REGEXP:
                b = pc[0]
                pc += 1
                fr.pc = pc
                if make_regexp(rt, consts[a], consts[b], &t) < 0:
                    break
                sp[0] = t
                sp += 1
            elif op == OP_DELETE_PROP:
                fr.pc = pc
                v = sp[-1]
                if delete_elem(rt, v, consts[a], strict, &t) < 0:
                    break
                sp[-1] = t
                decref(rt, v)
            elif op == OP_DELETE_ELEM:
                fr.pc = pc
                v = sp[-2]
                w = sp[-1]
                if delete_elem(rt, v, w, strict, &t) < 0:
                    break
                sp -= 1
                sp[-1] = t
                decref(rt, v)
                decref(rt, w)
            elif op == OP_IN or op == OP_INSTANCEOF:
                fr.pc = pc
                v = sp[-2]
                w = sp[-1]
                if op == OP_IN:
                    r = op_in(rt, v, w, &i)
                else:
                    r = op_instanceof(rt, v, w, &i)
                if r < 0:
                    break
                sp -= 1
                sp[-1] = mk_bool(i)
                decref(rt, v)
                decref(rt, w)
            elif op == OP_TRY:
                if rt.nhandlers >= rt.max_handlers and handlers_commit(rt, rt.nhandlers + 1) < 0:
                    fr.pc = pc
                    throw_stack_overflow(rt)
                    break
                h = &rt.handlers[rt.nhandlers]
                rt.nhandlers += 1
                h.catch_pc = pc + ((<int32_t>insn) >> 8)
                h.sp = sp
                h.env = fr.env
                h.frame = rt.nframes - 1
            elif op == OP_END_TRY:
                rt.nhandlers -= 1
            elif op == OP_THROW:
                fr.pc = pc
                sp -= 1
                throw_value(rt, sp[0])
                break
            elif op == OP_THROW_ERROR:
                b = pc[0]
                pc += 1
                fr.pc = pc
                throw_error_with(rt, <int>a, consts[b])
                break
            elif op == OP_FOR_IN:
                fr.pc = pc
                v = sp[-1]
                off = forin_new(rt, v)
                if off == 0:
                    break
                sp[-1] = mk_object(off)
                decref(rt, v)
            elif op == OP_FOR_IN_NEXT:
                fi = <JSForIn*>optr(rt, ref_of(sp[-1]))
                flag = 0
                fr.pc = pc
                while fi.pos < fi.count:
                    v = elems_items(rt, fi.o.elems)[fi.pos]
                    fi.pos += 1
                    r = has_property(rt, fi.o.internal, ref_of(v))
                    if r < 0:
                        flag = -1
                        break
                    if r:
                        incref(rt, v)
                        sp[0] = v
                        sp += 1
                        flag = 1
                        break
                    fi = <JSForIn*>optr(rt, ref_of(sp[-1]))
                if flag < 0:
                    break
                if flag == 0:
                    pc += (<int32_t>insn) >> 8
            elif op == OP_NOP:
                pass
            else:
                fr.pc = pc
                throw_error(rt, E_ERROR, "invalid opcode")
                break

        # ---------------- exception: find a handler ----------------
        fr.pc = pc
        while True:
            fr = &rt.frames[rt.nframes - 1]
            if not rt.uncatchable and rt.nhandlers > fr.handler_base:
                rt.nhandlers -= 1
                h = &rt.handlers[rt.nhandlers]
                while sp > h.sp:
                    sp -= 1
                    decref(rt, sp[0])
                    sp[0] = UNDEFINED
                if fr.env != h.env:
                    if h.env:
                        incref_off(rt, h.env)
                    if fr.env:
                        decref_off(rt, fr.env)
                    fr.env = h.env
                sp[0] = rt.exc
                sp += 1
                rt.exc = UNDEFINED
                rt.has_exc = 0
                code = code_ptr(rt, fr.code)
                code_start = <uint32_t*>(<uint8_t*>code + code.code_at)
                pc = h.catch_pc
                args = fr.args
                locals = fr.locals
                consts = <JSVal*>(<uint8_t*>code + code.consts_at)
                caches = <uint32_t*>(<uint8_t*>code + code.caches_at)
                strict = (code.flags & CF_STRICT) != 0
                break
            flag = fr.flags
            slot = fr.args - 2
            frame_release(rt, sp)
            if flag & FR_BOUNDARY:
                result[0] = UNDEFINED
                return -1
            sp = slot     # the caller's stack, without the call's slots
        # handled: back to dispatch


cdef int throw_error_with(Runtime* rt, int kind, JSVal msg) noexcept:
    """THROW_ERROR: a new error of `kind` whose message is the constant msg."""
    cdef uint32_t err = error_new(rt, kind, ref_of(msg))
    if err == 0:
        return throw_oom(rt)
    return throw_value(rt, mk_object(err))


# --- direct eval and RegExp literals --------------------------------------------------------------

cdef int direct_eval(Runtime* rt, Frame* fr, JSVal* slot, int argc, bint strict) noexcept:
    """eval(...) called directly: run the code in the caller's environment.

    Either leaves the result in slot[0] (with the call's other slots released)
    or pushes an eval frame whose args start at slot + 2.
    """
    cdef JSVal src = slot[2] if argc > 0 else UNDEFINED
    cdef JSVal thisv
    cdef uint32_t code
    cdef int i
    if not is_string(src):
        incref(rt, src)
        for i in range(argc + 2):
            decref(rt, slot[i])
            slot[i] = UNDEFINED
        slot[0] = src
        return 0
    if rt.compile_eval == NULL:
        return throw_error(rt, E_EVAL, "eval is not available")
    code = rt.compile_eval(rt, src, strict, 1)
    if code == 0:
        return -1
    thisv = this_value(rt, fr, strict)
    if rt.has_exc:
        decref_off(rt, code)
        return -1
    incref(rt, thisv)
    for i in range(argc + 2):
        decref(rt, slot[i])
        slot[i] = UNDEFINED
    slot[1] = thisv
    cdef uint32_t var_env = function_var_env(rt, fr.env)
    if frame_push(rt, 0, code, slot + 2, 0, FR_EVAL, fr.env) < 0:
        decref_off(rt, code)
        return -1
    rt.frames[rt.nframes - 1].var_env = var_env
    return 0


cdef int make_regexp(Runtime* rt, JSVal pattern, JSVal flags, JSVal* out) noexcept:
    """A regexp literal is `new RegExp(pattern, flags)` with the built-in RegExp
    (not whatever the global name holds now)."""
    cdef JSVal argv[2]
    if rt.regexp_ctor == 0:
        return throw_error(rt, E_REFERENCE, "RegExp is not available")
    argv[0] = pattern
    argv[1] = flags
    return vm_construct(rt, mk_object(rt.regexp_ctor), 2, argv, out)
