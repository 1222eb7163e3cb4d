# The Python API: glassjs.Engine (docs/api.md).
#
# This module is the boundary between Python and the core: it owns the
# Runtime, loads compiled code into the arena, converts values both ways and
# turns pending JavaScript exceptions into Python ones.

from libc.stdint cimport uint64_t, uint32_t, uint8_t, uint16_t
from libc.stdlib cimport calloc, free
from libc.string cimport memcpy, memset

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport (heap_init, heap_destroy, heap_alloc, incref, decref, incref_off,
                                        decref_off, dup, hdr)
from glassjs.engine.core.strings cimport (strtab_init, atoms_init, intern_py, str_from_py, str_to_py,
                                           str_from_utf8)
from glassjs.engine.core.objects cimport (optr, obj_alloc, obj_new, arr_new, arr_push, prop_set_own,
                                           get_prop, put_prop, own_keys, throw_error_str, throw_value,
                                           throw_oom, elems_items, error_new, is_callable)
from glassjs.engine.core.ops cimport get_value, to_string
from glassjs.engine.core.vm cimport vm_init, vm_destroy, vm_run_code, vm_call, make_closure
from glassjs.engine.core.gc cimport gc_install, gc_collect_stats, GCStats, GC_THRESHOLD_OFF
from glassjs.engine.builtins.realm cimport realm_init

import sys
cimport cython

from glassjs.engine.compiler import compile_script, compile_eval, compile_function, JSSyntaxError
from glassjs.engine.compiler.function_code import FunctionCode, ScopeDescriptor
from glassjs.engine.errors import JSError, JSInterrupted, undefined
from glassjs.engine import profiles as _profiles

_KIND_CODES = {"var": BK_VAR, "let": BK_LET, "const": BK_CONST, "function": BK_FUNCTION,
               "param": BK_PARAM, "callee": BK_CALLEE, "arguments": BK_ARGUMENTS,
               "catch": BK_CATCH, "class": BK_CLASS}

_ERROR_NAMES = ["TypeError", "ReferenceError", "SyntaxError", "RangeError", "Error", "EvalError", "URIError"]

DEFAULT_MEMORY_LIMIT = 512 << 20
DEFAULT_STACK_SIZE = 1 << 20


# --- hooks the core calls back -------------------------------------------------------

# Entering Python *bytecode* runs the interpreter's pending signal handlers
# (SIGINT raises KeyboardInterrupt there).  Functions in this module are
# compiled to C and would not, hence a lambda built by eval.
_run_pending_signal_handlers = eval("lambda: None")


cdef int poll_interrupt(Runtime* rt) noexcept:
    cdef Engine eng = <Engine>rt.owner
    try:
        _run_pending_signal_handlers()
        if eng.interrupt_handler is not None and eng.interrupt_handler():
            rt.interrupted = 1
            return 1
    except KeyboardInterrupt:
        rt.interrupted = 2
        return 1
    except BaseException as exc:
        eng.pending_py_exc = exc
        rt.interrupted = 3
        return 1
    return 0


cdef uint32_t compile_eval_hook(Runtime* rt, JSVal source, int strict, int direct) noexcept:
    cdef Engine eng = <Engine>rt.owner
    try:
        fc = compile_eval(str_to_py(rt, ref_of(source)), strict=bool(strict), filename="<eval>",
                          direct=bool(direct))
        return eng.load_code(fc)
    except JSSyntaxError as exc:
        throw_error_str(rt, E_SYNTAX, exc.message)
        return 0
    except MemoryError:
        throw_oom(rt)
        return 0
    except RecursionError:
        throw_error_str(rt, E_RANGE, "Maximum call stack size exceeded")
        return 0
    except BaseException as exc:
        throw_error_str(rt, E_ERROR, "internal error in eval: %r" % (exc,))
        return 0


cdef uint32_t compile_function_hook(Runtime* rt, JSVal params, JSVal body) noexcept:
    cdef Engine eng = <Engine>rt.owner
    try:
        fc = compile_function(str_to_py(rt, ref_of(params)), str_to_py(rt, ref_of(body)))
        return eng.load_code(fc)
    except JSSyntaxError as exc:
        throw_error_str(rt, E_SYNTAX, exc.message)
        return 0
    except MemoryError:
        throw_oom(rt)
        return 0
    except BaseException as exc:
        throw_error_str(rt, E_ERROR, "internal error in Function: %r" % (exc,))
        return 0


cdef int host_call(Runtime* rt, uint32_t fobj, JSVal this, int argc, JSVal* argv, JSVal* ret) noexcept:
    cdef Engine eng = <Engine>rt.owner
    cdef int i
    try:
        fn = eng.hosts[optr(rt, fobj).internal]
        pyargs = [eng.to_py(argv[i]) for i in range(argc)]
        result = fn(*pyargs)
        ret[0] = eng.to_js(result)
        return 0
    except KeyboardInterrupt:
        rt.interrupted = 2
        throw_error_str(rt, E_ERROR, "interrupted")
        rt.uncatchable = 1
        return -1
    except JSError as exc:
        if exc.value is not None and isinstance(exc.value, ObjectHandle):
            return throw_value(rt, dup(rt, (<ObjectHandle>exc.value).value()))
        return throw_error_str(rt, E_ERROR, str(exc))
    except BaseException as exc:
        return throw_error_str(rt, E_ERROR, "%s: %s" % (type(exc).__name__, exc))


cdef int write_out(Runtime* rt, int stream, const char* data, Py_ssize_t n) noexcept:
    cdef Engine eng = <Engine>rt.owner
    try:
        text = data[:n].decode("utf-8", "surrogatepass")
        (eng.stderr if stream == 2 else eng.stdout)(text)
        return 0
    except BaseException:
        return -1


# --- the engine ----------------------------------------------------------------------------

@cython.no_gc_clear
cdef class Engine:
    """A JavaScript engine: one heap, one global object.  See docs/api.md."""

    def __cinit__(self, memory_limit=None, profile="default", max_stack_size=None,
                  stdout=None, stderr=None, interrupt_handler=None, allocator=None, dump_leaks=False):
        self.rt = <Runtime*>calloc(1, sizeof(Runtime))
        if self.rt == NULL:
            raise MemoryError()
        self.hosts = []
        self.handle_counts = {}
        self.finalizers = []
        self.deferred_handles = []
        self.dump_leaks = dump_leaks
        self.stdout = stdout if stdout is not None else _write_stdout
        self.stderr = stderr if stderr is not None else _write_stderr
        self.interrupt_handler = interrupt_handler
        prof = _profiles.get(profile)
        self.profile = profile
        cdef Runtime* rt = self.rt
        rt.owner = <void*>self
        if allocator is not None:         # before the first block, so it sees them all
            self.set_allocator(allocator)
        rt.no_pc2line = not prof.pc2line
        rt.lightfunc_builtins = prof.lightfunc_builtins
        rt.props_hash_min = prof.props_hash_min
        rt.strtab_max_load = prof.strtab_max_load
        if heap_init(rt, memory_limit if memory_limit is not None else DEFAULT_MEMORY_LIMIT) < 0:
            raise MemoryError("cannot reserve the arena")
        if vm_init(rt, max_stack_size if max_stack_size is not None else DEFAULT_STACK_SIZE) < 0:
            raise MemoryError("cannot allocate the value stack")
        rt.gc_disabled = 1           # nothing to collect while the built-ins are built
        if strtab_init(rt) < 0 or atoms_init(rt) < 0:
            raise MemoryError("memory limit too small")
        gc_install(rt)
        rt.poll_interrupt = poll_interrupt
        rt.compile_eval = compile_eval_hook
        rt.compile_function = compile_function_hook
        rt.host_call = host_call
        rt.write_out = write_out
        realm_init(rt)
        rt.gc_disabled = 0

    def __dealloc__(self):
        # like JS_FreeRuntime: the leak report (if asked for) and the finalizers run
        # here too when close() was not called; their errors cannot propagate
        if self.rt != NULL:
            try:
                self.close()
            except BaseException:
                sys.excepthook(*sys.exc_info())
        if self.rt != NULL:
            self.destroy()

    cdef Runtime* live(self) except NULL:
        """The runtime, if code may run in it now."""
        if self.rt == NULL:
            raise ValueError("engine is closed")
        if self.rt.in_alloc_hook:
            raise RuntimeError("cannot use the engine from inside its allocator hook")
        if self.deferred_handles:
            self.release_deferred()
        return self.rt

    cdef void release_deferred(self):
        cdef list offs = self.deferred_handles
        self.deferred_handles = []
        for off in offs:
            release_handle(self, off)

    cdef void destroy(self):
        vm_destroy(self.rt)
        heap_destroy(self.rt)
        free(self.rt)
        self.rt = NULL

    # --- teardown (JS_FreeRuntime) ---------------------------------------------------

    def close(self):
        """Free the engine: its heap, stacks and arena.  Returns the leak report
        (a LeakReport) when dump_leaks is set, else None; then runs the runtime
        finalizers, last added first.  Closing twice does nothing."""
        if self.rt == NULL:
            return self.last_leak_report
        if self.rt.nframes or self.rt.native_depth or self.rt.in_alloc_hook:
            raise RuntimeError("cannot close an engine while its code runs")
        report = None
        if self.dump_leaks:
            if self.deferred_handles:
                self.release_deferred()
            from glassjs.engine.memory import leak_report
            report = leak_report(self)
            if report.blocks:
                self.stderr(report.text())
        self.last_leak_report = report
        self.destroy()
        errors = []
        while self.finalizers:
            fn, args, kwargs = self.finalizers.pop()
            try:
                fn(*args, **kwargs)
            except BaseException as exc:
                errors.append(exc)
        if errors:
            raise errors[0]
        return report

    @property
    def closed(self):
        return self.rt == NULL

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def add_runtime_finalizer(self, fn, *args, **kwargs):
        """JS_AddRuntimeFinalizer: call fn(*args, **kwargs) when the engine is
        closed, after its heap is gone (last added runs first, like atexit)."""
        if not callable(fn):
            raise TypeError("a finalizer must be callable")
        if self.rt == NULL:
            raise ValueError("engine is closed")
        self.finalizers.append((fn, args, kwargs))
        return fn

    # --- running code ---------------------------------------------------------------

    def eval(self, str source, filename="<input>"):
        """Run a script; return its completion value (see docs/api.md)."""
        self.live()
        try:
            fc = compile_script(source, filename)
        except JSSyntaxError as exc:
            raise JSError("SyntaxError", exc.message, stack=str(exc), phase="parse",
                          filename=exc.filename, line=exc.line, column=exc.column) from None
        except RecursionError:
            raise JSError("RangeError", "Maximum call stack size exceeded", phase="parse",
                          filename=filename) from None
        cdef uint32_t code
        try:
            code = self.load_code(fc)
        except MemoryError:
            raise JSError("RangeError", "out of memory", phase="runtime", filename=filename) from None
        cdef JSVal result
        cdef int r = vm_run_code(self.rt, code, mk_object(self.rt.global_obj), 0, 0, 0, &result)
        if r < 0:
            raise self.take_exception()
        value = self.to_py(result)
        decref(self.rt, result)
        return value

    def call(self, fn, *args):
        """Call a JS function handle (or a global's name) with Python arguments."""
        cdef JSVal f, result
        cdef list jsargs = []
        self.live()
        if isinstance(fn, str):
            fn = self.eval(fn)
        if not isinstance(fn, ObjectHandle):
            raise TypeError("not a JavaScript function")
        f = (<ObjectHandle>fn).value()
        cdef JSVal* argv = <JSVal*>calloc(len(args) + 1, 8)
        cdef int i
        try:
            for i, a in enumerate(args):
                argv[i] = self.to_js(a)
            r = vm_call(self.rt, f, UNDEFINED, len(args), argv, &result)
        finally:
            for i in range(len(args)):
                decref(self.rt, argv[i])
            free(argv)
        if r < 0:
            raise self.take_exception()
        value = self.to_py(result)
        decref(self.rt, result)
        return value

    def set_global(self, str name, value):
        """Define a global variable from a Python value or callable."""
        self.live()
        cdef JSVal v = self.to_js(value)
        cdef uint32_t nm
        if is_object(v) and optr(self.rt, ref_of(v)).h.aux == CLASS_HOST:
            nm = intern_py(self.rt, name)
            if nm:
                prop_set_own(self.rt, ref_of(v), self.rt.atoms[A_name], PF_CONFIGURABLE, mk_string(nm))
                decref_off(self.rt, nm)
        cdef uint32_t key = intern_py(self.rt, name)
        if key == 0:
            decref(self.rt, v)
            raise MemoryError()
        prop_set_own(self.rt, self.rt.global_obj, key, PF_WRITABLE | PF_CONFIGURABLE, v)
        decref_off(self.rt, key)
        decref(self.rt, v)

    def get_global(self, str name):
        cdef JSVal v
        self.live()
        cdef uint32_t key = intern_py(self.rt, name)
        if get_prop(self.rt, self.rt.global_obj, key, mk_object(self.rt.global_obj), &v) < 0:
            decref_off(self.rt, key)
            raise self.take_exception()
        decref_off(self.rt, key)
        value = self.to_py(v)
        decref(self.rt, v)
        return value

    def live_handles(self):
        """{offset: count} of the references Python handles hold."""
        return dict(self.handle_counts)

    def memory_usage(self):
        """The fields of QuickJS's JS_ComputeMemoryUsage, and glassjs's own (docs/memory-api.md)."""
        from glassjs.engine.memory import memory_usage
        return memory_usage(self)

    def dump_memory_usage(self, file=None):
        """JS_DumpMemoryUsage: the memory_usage() report as text; also written to file if given."""
        from glassjs.engine.memory import memory_usage, dump_memory_usage
        text = dump_memory_usage(memory_usage(self), self.profile)
        if file is not None:
            file.write(text)
        return text

    def gc(self):
        """JS_RunGC: run the cycle collector; return the bytes it freed."""
        cdef GCStats st = gc_collect_stats(self.live())
        return st.bytes_freed

    def gc_stats(self):
        cdef GCStats st = gc_collect_stats(self.live())
        return {"roots": st.roots, "marked": st.blocks_marked, "freed_blocks": st.blocks_freed,
                "freed_bytes": st.bytes_freed}

    property memory_limit:
        def __get__(self):
            return self.live().limit - self.rt.ram_start

    def set_memory_limit(self, limit):
        """JS_SetMemoryLimit: bytes of RAM blocks the arena may hold; None = all
        the address space reserved at creation.  Below the current use, the next
        allocation that needs fresh arena fails with RangeError: out of memory."""
        cdef Runtime* rt = self.live()
        cdef uint64_t most = rt.reserved - 256 * 1024 - 4096     # the emergency reserve stays free
        if limit is None:
            limit = most - rt.ram_start
        if limit < 0:
            raise ValueError("memory limit must be >= 0")
        cdef uint64_t top = rt.ram_start + <uint64_t>limit
        if top > most:
            raise ValueError("limit larger than the reserved arena (%d bytes); create the engine "
                             "with a larger memory_limit" % (most - rt.ram_start))
        rt.limit = <uint32_t>top

    def set_gc_threshold(self, threshold):
        """JS_SetGCThreshold: collect cycles when the live heap passes this many
        bytes (the collector then sets the next threshold, as QuickJS does);
        None turns automatic collection off: only the memory limit triggers it."""
        cdef Runtime* rt = self.live()
        if threshold is None or threshold == -1:
            rt.gc_threshold = GC_THRESHOLD_OFF
        elif threshold < 0:
            raise ValueError("GC threshold must be >= 0 or None")
        else:
            rt.gc_threshold = threshold

    property gc_threshold:
        def __get__(self):
            cdef Runtime* rt = self.live()
            return None if rt.gc_threshold == GC_THRESHOLD_OFF else rt.gc_threshold

    def set_max_stack_size(self, size):
        """JS_SetMaxStackSize: bytes of value stack (recursion depth follows);
        only between runs, since frames point into the stack."""
        cdef Runtime* rt = self.live()
        if size is None:
            size = DEFAULT_STACK_SIZE
        if size < 0:
            raise ValueError("stack size must be >= 0")
        if rt.nframes or rt.native_depth:
            raise RuntimeError("cannot resize the stack while code runs")
        cdef size_t old = self.max_stack_size
        vm_destroy(rt)
        if vm_init(rt, size) < 0:
            vm_destroy(rt)
            if vm_init(rt, old) < 0:
                raise MemoryError("cannot allocate the value stack")
            raise MemoryError("cannot reserve a value stack of %d bytes" % size)

    property max_stack_size:
        def __get__(self):
            """Bytes of value stack reserved (the request, page-rounded; at least 8 KB)."""
            cdef Runtime* rt = self.live()
            return (rt.stack_limit - rt.stack) * 8

    def set_interrupt_handler(self, handler):
        """JS_SetInterruptHandler: handler() is polled every 10,000 backward jumps
        and calls; a true result stops the running code with an uncatchable
        JSInterrupted.  None removes it."""
        if handler is not None and not callable(handler):
            raise TypeError("the interrupt handler must be callable or None")
        self.interrupt_handler = handler

    def set_allocator(self, allocator):
        """Install an allocator observer (docs/memory-api.md): an object with
        malloc(offset, size, kind), free(offset, size, kind) and
        realloc(old_offset, new_offset, old_size, new_size, kind), told of every
        arena block event.  None removes it."""
        from glassjs.engine.memory import install_allocator
        install_allocator(self, allocator)
        self.allocator_obj = allocator

    @property
    def allocator(self):
        return self.allocator_obj

    def is_live_object(self, obj):
        """JS_IsLiveObject: is there a live object at this handle's / offset's block?"""
        if self.rt == NULL:
            return False
        from glassjs.engine.memory import is_live_object
        return is_live_object(self, obj.offset if isinstance(obj, ObjectHandle) else obj)

    # --- loading code ------------------------------------------------------------------

    cdef uint32_t load_code(self, object fc) except 0:
        """Copy a FunctionCode into the arena as a CODE block; returns a new reference."""
        cdef Runtime* rt = self.rt
        cdef list consts = []
        cdef JSVal v
        cdef uint32_t off, i, n, s
        cdef JSCode* c
        cdef uint32_t* words
        cdef JSVal* vals
        cdef uint32_t* pos
        cdef uint32_t* nm_arr
        cdef uint32_t code_at, consts_at, pos_at, caches_at, names_at, size, ncode, npos, flags
        try:
            for k in fc.consts:
                consts.append(self._load_const(k))
            names = list(fc.param_names) + list(fc.local_names)
            name_offs = []
            for nm in names:
                s = intern_py(rt, nm or "")
                if s == 0:
                    raise MemoryError()
                name_offs.append(s)
            ncode = len(fc.code)
            npos = 0 if rt.no_pc2line else len(fc.positions)
            code_at = CODE_HEADER
            consts_at = (code_at + 4 * ncode + 7) & ~7
            pos_at = consts_at + 8 * len(consts)
            caches_at = pos_at + 12 * npos
            names_at = caches_at + 8 * fc.ncaches
            size = names_at + 4 * len(names)
            off = heap_alloc(rt, size, BT_CODE)
            if off == 0:
                for s in name_offs:
                    decref_off(rt, s)
                raise MemoryError()
            c = <JSCode*>(rt.base + off)
            flags = 0
            if fc.strict: flags |= CF_STRICT
            if fc.kind == "script": flags |= CF_SCRIPT
            if fc.kind == "eval": flags |= CF_EVAL
            if fc.uses_this: flags |= CF_USES_THIS
            if fc.uses_arguments: flags |= CF_USES_ARGUMENTS
            if fc.has_direct_eval: flags |= CF_DIRECT_EVAL
            if fc.is_arrow: flags |= CF_ARROW
            if getattr(fc, "is_method", False): flags |= CF_METHOD
            c.flags = flags
            c.nparams = fc.nparams
            c.nlocals = fc.nlocals
            c.max_stack = fc.max_stack + 4
            c.name = intern_py(rt, fc.name or "")
            c = <JSCode*>(rt.base + off)
            c.filename = intern_py(rt, fc.filename or "")
            c = <JSCode*>(rt.base + off)
            c.source = str_from_py(rt, fc.source or "") if fc.kind == "function" else 0
            c = <JSCode*>(rt.base + off)
            c.line = fc.line
            c.column = fc.column
            c.ncode = ncode
            c.nconsts = len(consts)
            c.npos = npos
            c.ncaches = fc.ncaches
            c.code_at = code_at
            c.consts_at = consts_at
            c.pos_at = pos_at
            c.caches_at = caches_at
            c.names_at = names_at
            c.nnames = len(names)
            words = <uint32_t*>(rt.base + off + code_at)
            for i in range(ncode):
                words[i] = <uint32_t>(fc.code[i] & 0xFFFFFFFF)
            vals = <JSVal*>(rt.base + off + consts_at)
            for i in range(len(consts)):
                vals[i] = consts[i]          # references move into the block
            consts = []
            pos = <uint32_t*>(rt.base + off + pos_at)
            for i in range(npos):
                p = fc.positions[i]
                pos[3 * i] = p[0]
                pos[3 * i + 1] = p[1]
                pos[3 * i + 2] = p[2]
            nm_arr = <uint32_t*>(rt.base + off + names_at)
            for i in range(len(names)):
                nm_arr[i] = name_offs[i]
            return off
        finally:
            for v in consts:
                decref(rt, v)

    def _load_const(self, k):
        cdef Runtime* rt = self.rt
        cdef uint32_t s, n, i
        if isinstance(k, FunctionCode):
            return mk_internal(self.load_code(k))
        if isinstance(k, ScopeDescriptor):
            n = len(k.names)
            s = heap_alloc(rt, SCOPE_HEADER + 4 * n + n, BT_SCOPE)
            if s == 0:
                raise MemoryError()
            (<JSScope*>(rt.base + s)).count = n
            (<JSScope*>(rt.base + s)).flags = SCOPE_FUNCTION if k.function_scope else 0
            for i in range(n):
                nm = intern_py(rt, k.names[i])
                if nm == 0:
                    decref_off(rt, s)
                    raise MemoryError()
                (<uint32_t*>(rt.base + s + SCOPE_HEADER))[i] = nm
                (<uint8_t*>(rt.base + s + SCOPE_HEADER + 4 * n))[i] = _KIND_CODES.get(k.kinds[i], BK_VAR)
            return mk_internal(s)
        if isinstance(k, str):
            s = intern_py(rt, k)
            if s == 0:
                raise MemoryError()
            return mk_string(s)
        if isinstance(k, bool):
            return JSTRUE if k else JSFALSE
        if isinstance(k, (int, float)):
            return mk_number(<double>k)
        raise TypeError("unexpected constant %r" % (k,))

    # --- values across the boundary ---------------------------------------------------------

    cdef object to_py(self, JSVal v):
        cdef uint32_t tag
        if is_number(v):
            return num_of(v)
        tag = tag_of(v)
        if tag == TAG_UNDEFINED:
            return undefined
        if tag == TAG_NULL:
            return None
        if tag == TAG_BOOLEAN:
            return bool(bool_of(v))
        if tag == TAG_STRING:
            return str_to_py(self.rt, ref_of(v))
        if tag == TAG_OBJECT or tag == TAG_LIGHTFUNC:
            return make_handle(self, v)
        return undefined

    cdef JSVal to_js(self, object value) except? 0:
        cdef Runtime* rt = self.rt
        cdef uint32_t s, o, key
        cdef JSVal item
        if value is None:
            return JSNULL
        if value is undefined:
            return UNDEFINED
        if value is True:
            return JSTRUE
        if value is False:
            return JSFALSE
        if isinstance(value, (int, float)):
            return mk_number(<double>value)
        if isinstance(value, str):
            s = str_from_py(rt, value)
            if s == 0:
                raise MemoryError()
            return mk_string(s)
        if isinstance(value, ObjectHandle):
            return dup(rt, (<ObjectHandle>value).value())
        if isinstance(value, (list, tuple)):
            o = arr_new(rt, 0)
            if o == 0:
                raise MemoryError()
            for x in value:
                item = self.to_js(x)
                arr_push(rt, o, item)
                decref(rt, item)
            return mk_object(o)
        if isinstance(value, dict):
            o = obj_new(rt)
            if o == 0:
                raise MemoryError()
            for kk, x in value.items():
                key = intern_py(rt, str(kk))
                item = self.to_js(x)
                prop_set_own(rt, o, key, PF_DEFAULT, item)
                decref(rt, item)
                decref_off(rt, key)
            return mk_object(o)
        if callable(value):
            o = obj_alloc(rt, rt.function_proto, CLASS_HOST, sizeof(JSNative))
            if o == 0:
                raise MemoryError()
            optr(rt, o).internal = len(self.hosts)
            optr(rt, o).oflags |= OF_CALLABLE
            self.hosts.append(value)
            return mk_object(o)
        raise TypeError("cannot convert %s to a JavaScript value" % type(value).__name__)

    # --- exceptions ---------------------------------------------------------------------------

    cdef object take_exception(self):
        """The pending JS exception as a Python exception (and clear it)."""
        cdef Runtime* rt = self.rt
        cdef JSVal exc = rt.exc
        cdef int interrupted = rt.interrupted
        rt.exc = UNDEFINED
        rt.has_exc = 0
        rt.uncatchable = 0
        rt.interrupted = 0
        if interrupted:
            decref(rt, exc)
            if interrupted == 2:
                return KeyboardInterrupt()
            if interrupted == 3 and self.pending_py_exc is not None:
                e = self.pending_py_exc
                self.pending_py_exc = None
                return e
            return JSInterrupted("interrupted")
        info = self.error_info(exc)
        err = JSError(info["name"], info["message"], stack=info["stack"], phase="runtime",
                      value=self.to_py(exc), filename=info.get("filename"), line=info.get("line"),
                      column=info.get("column"))
        decref(rt, exc)
        return err

    cdef object error_info(self, JSVal v):
        """name/message/stack of a thrown value, read without running JS getters twice."""
        cdef Runtime* rt = self.rt
        cdef JSVal t
        cdef uint32_t s
        info = {"name": "Error", "message": "", "stack": ""}
        if not is_object(v):
            s = to_string(rt, v)
            if s:
                info["message"] = str_to_py(rt, s)
                decref_off(rt, s)
            else:
                rt.has_exc = 0
                decref(rt, rt.exc)
                rt.exc = UNDEFINED
            info["name"] = "uncaught"
            info["stack"] = "Uncaught " + info["message"]
            return info
        named = False
        for field, atom in (("name", A_name), ("message", A_message), ("stack", A_stack)):
            if get_value(rt, v, rt.atoms[atom], &t) < 0:
                decref(rt, rt.exc)
                rt.exc = UNDEFINED
                rt.has_exc = 0
                continue
            if not is_undefined(t):
                s = to_string(rt, t)
                if s:
                    named = named or field == "name"
                    info[field] = str_to_py(rt, s)
                    decref_off(rt, s)
                else:
                    decref(rt, rt.exc)
                    rt.exc = UNDEFINED
                    rt.has_exc = 0
            decref(rt, t)
        if not named:
            # objects thrown by user classes without a `name` (test262's Test262Error): use constructor.name
            if get_value(rt, v, rt.atoms[A_constructor], &t) == 0:
                if is_object(t):
                    ctor = self.to_py(t)
                    try:
                        nm = ctor["name"]
                        if isinstance(nm, str) and nm:
                            info["name"] = nm
                    except JSError:
                        pass
                decref(rt, t)
            else:
                decref(rt, rt.exc)
                rt.exc = UNDEFINED
                rt.has_exc = 0
        stack = info["stack"]
        head = info["name"] + (": " + info["message"] if info["message"] else "")
        if not stack or stack.startswith("    at"):
            stack = head + ("\n" + stack if stack else "")
        info["stack"] = stack
        # first frame location, for CLI messages
        import re
        frames = [ln for ln in stack.split("\n") if ln.startswith("    at ")]
        m = re.search(r"^    at (?:.*? \()?(.+?):(\d+):(\d+)\)?\s*$", frames[0]) if frames else None
        if m:
            info["filename"], info["line"], info["column"] = m.group(1), int(m.group(2)), int(m.group(3))
        return info


def _write_to(stream, text):
    try:
        stream.write(text)
    except UnicodeEncodeError:          # lone surrogates: show them as U+FFFD
        stream.write(text.encode("utf-8", "replace").decode("utf-8"))


def _write_stdout(text):
    _write_to(sys.stdout, text)


def _write_stderr(text):
    _write_to(sys.stderr, text)


# --- object handles ----------------------------------------------------------------------------

cdef ObjectHandle make_handle(Engine eng, JSVal v):
    cdef ObjectHandle h = ObjectHandle.__new__(ObjectHandle)
    h.engine = eng
    h.off = ref_of(v)
    if is_lightfunc(v):
        h.off = 0
        h._lightfunc = v
    else:
        incref_off(eng.rt, h.off)
        eng.handle_counts[h.off] = eng.handle_counts.get(h.off, 0) + 1
    return h


cdef void release_handle(Engine eng, uint32_t off):
    n = eng.handle_counts.get(off, 0) - 1
    if n > 0:
        eng.handle_counts[off] = n
    else:
        eng.handle_counts.pop(off, None)
    decref_off(eng.rt, off)


cdef class ObjectHandle:
    """A reference from Python to a JavaScript object (keeps it alive)."""

    cdef JSVal value(self):
        if self.off == 0:
            return self._lightfunc
        return mk_object(self.off)

    def __dealloc__(self):
        if self.engine is not None and self.engine.rt != NULL and self.off:
            if self.engine.handle_counts is None:
                return
            if self.engine.rt.in_alloc_hook:
                # Python's gc ran inside the allocator observer: freeing now would
                # re-enter the allocator; the engine releases it on its next use
                self.engine.deferred_handles.append(self.off)
                return
            release_handle(self.engine, self.off)

    @property
    def offset(self):
        """The object's arena offset (its address in the heap views)."""
        return self.off

    def __getitem__(self, key):
        cdef Runtime* rt = self.engine.live()
        cdef JSVal v
        cdef uint32_t k = intern_py(rt, str(key))
        cdef int r = get_value(rt, self.value(), k, &v)
        decref_off(rt, k)
        if r < 0:
            raise self.engine.take_exception()
        result = self.engine.to_py(v)
        decref(rt, v)
        return result

    def __setitem__(self, key, value):
        cdef Runtime* rt = self.engine.live()
        cdef JSVal v = self.engine.to_js(value)
        cdef uint32_t k = intern_py(rt, str(key))
        cdef int r = put_prop(rt, self.off, k, v, self.value(), 1) if self.off else 0
        decref_off(rt, k)
        decref(rt, v)
        if r < 0:
            raise self.engine.take_exception()

    def keys(self):
        cdef Runtime* rt = self.engine.live()
        if self.off == 0:
            return []
        cdef uint32_t arr = own_keys(rt, self.off, 1)
        if arr == 0:
            raise self.engine.take_exception()
        cdef uint32_t n = optr(rt, arr).length, i
        out = [str_to_py(rt, ref_of(elems_items(rt, optr(rt, arr).elems)[i])) for i in range(n)]
        decref_off(rt, arr)
        return out

    def __call__(self, *args):
        return self.engine.call(self, *args)

    @property
    def callable(self):
        return is_callable(self.engine.live(), self.value())

    def __repr__(self):
        return "<JSObject at 0x%x>" % self.off
