# The instruction tracer (docs/tracing.md): with tracing on, one record per
# executed instruction -- code block, pc, opcode, call depth and the top
# frame's value words (this, arguments, locals, operand stack) -- plus a log
# of heap events (blocks allocated, freed, refcounts of new objects changing).
#
# It hangs off the VM's existing `rt.tracing` / `rt.trace_hook` and the
# allocator's `rt.trace_heap`; when tracing is off those cost one C flag test.
# Everything here only *reads* the runtime: no refcount is touched, nothing is
# allocated in the arena (the budget error aside, which ends the run).  The
# per-step work is C: a memcpy of the frame's words into a growable pool.
# Python runs only when a code block is first seen (its disassembly is
# snapshotted, since a script's code is freed when it returns), and once per
# heap event (a short description of the block, for the views).

from libc.stdint cimport uint64_t, uint32_t, uint16_t, uint8_t
from libc.stdlib cimport malloc, realloc, free
from libc.string cimport memcpy

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport hdr
from glassjs.engine.core.strings cimport str_to_py
from glassjs.engine.core.objects cimport throw_error_str
from glassjs.engine.api cimport Engine, ObjectHandle

from glassjs.engine import bytecode
from glassjs.engine.errors import JSError, JSInterrupted, StepBudgetExceeded
from glassjs.engine.records import (BLOCK_TYPES, CLASS_NAMES, Trace, TraceStep, TraceCode, HeapEvent,
                                    BlockLife, GCPhases)

DEFAULT_BUDGET = 10000          # the issue's contract: runaway loops stay bounded

cdef enum:
    MAX_WORDS = 1024            # value words kept per step (a bigger frame is cut; its counts stay true)
    WATCH_MAX = 64              # objects allocated during the trace whose refcounts are followed

cdef enum:
    EV_ALLOC = 1
    EV_FREE = 2
    EV_REFCOUNT = 3

cdef struct Step:
    uint32_t code                 # index into Recorder.codes
    uint32_t pc                   # instruction index in its code block
    uint64_t vals                 # first word in the value pool
    uint32_t nwords               # words kept (<= MAX_WORDS)
    uint32_t nslots               # words the frame had: this + args + locals + operands
    uint32_t nargs
    uint32_t depth                # call depth, 1 = the outermost traced frame
    uint32_t op

cdef struct Event:
    uint32_t step                 # happened before step `step` was taken (during step-1)
    uint32_t off
    uint32_t size
    uint32_t refcount
    uint8_t kind
    uint8_t type
    uint16_t aux
    uint8_t done                  # alloc: described (or freed before it could be)


cdef str describe_block(Runtime* rt, uint32_t off):
    """A short, allocation-free description of a live block (for the views)."""
    cdef BlockHeader* h = hdr(rt, off)
    cdef JSCode* c
    if h.type == BT_STRING:
        try:
            text = str_to_py(rt, off)
        except Exception:
            return "string"
        return repr(text if len(text) <= 40 else text[:37] + "...")
    if h.type == BT_OBJECT:
        name = CLASS_NAMES[h.aux] if h.aux < len(CLASS_NAMES) else "?"
        if h.aux == CLASS_FUNCTION and (<JSObject*>h).internal:
            # during a sweep the code block (or its name) may already be freed: read only live blocks
            c = <JSCode*>(rt.base + (<JSObject*>h).internal)
            if c.h.type == BT_CODE and c.name and hdr(rt, c.name).type == BT_STRING:
                name += " " + str_to_py(rt, c.name)
        return name
    if h.type == BT_CODE:
        c = <JSCode*>h
        live_name = c.name and hdr(rt, c.name).type == BT_STRING
        return "code " + ((str_to_py(rt, c.name) if live_name else "") or "<script>")
    return BLOCK_TYPES[h.type] if h.type < BT_COUNT else "?"


cdef class Recorder:
    cdef Engine engine
    cdef Runtime* rt
    cdef Step* steps
    cdef uint64_t nsteps, cap_steps
    cdef uint64_t* pool
    cdef uint64_t npool, cap_pool
    cdef Event* events
    cdef uint64_t nevents, cap_events, resolved
    cdef uint32_t* code_offs       # code block offset per code id (0 once that block is freed)
    cdef uint32_t ncodes, cap_codes, last_code, last_code_id
    cdef uint32_t watch[WATCH_MAX]
    cdef uint32_t watch_rc[WATCH_MAX]
    cdef int nwatch
    cdef uint64_t budget
    cdef int base_depth
    cdef int stopped               # 1: budget reached, 2: out of memory for the trace
    cdef list codes                # TraceCode per code id
    cdef list details              # description per event
    cdef dict live_allocs          # offset -> event index of its allocation during the trace

    def __cinit__(self, Engine engine, budget=DEFAULT_BUDGET):
        if engine.rt == NULL:
            raise ValueError("engine is closed")
        if budget is None or budget < 1:
            raise ValueError("the step budget must be a positive number of instructions")
        self.engine = engine
        self.rt = engine.rt
        self.budget = budget
        self.codes = []
        self.details = []
        self.live_allocs = {}

    def __dealloc__(self):
        free(self.steps)
        free(self.pool)
        free(self.events)
        free(self.code_offs)

    # --- growing the C buffers (a failure stops the trace, never the engine) --------------

    cdef int grow(self, void** buf, uint64_t* cap, uint64_t need, size_t item) noexcept:
        cdef uint64_t n = cap[0] * 2 if cap[0] else 256
        cdef void* p
        while n < need:
            n *= 2
        p = realloc(buf[0], n * item)
        if p == NULL:
            return -1
        buf[0] = p
        cap[0] = n
        return 0

    cdef int add_event(self, uint8_t kind, uint32_t off, uint32_t size, uint8_t btype, uint16_t aux,
                       uint32_t refcount) noexcept:
        cdef Event* ev
        if self.nevents == self.cap_events:
            if self.grow(<void**>&self.events, &self.cap_events, self.nevents + 1, sizeof(Event)) < 0:
                self.stopped = 2
                return -1
        ev = &self.events[self.nevents]
        ev.step = <uint32_t>self.nsteps
        ev.off = off
        ev.size = size
        ev.kind = kind
        ev.type = btype
        ev.aux = aux
        ev.refcount = refcount
        ev.done = kind != EV_ALLOC
        self.nevents += 1
        return 0

    # --- code blocks: a snapshot the first time each one runs -------------------------------

    cdef int code_id(self, uint32_t code) noexcept:
        cdef uint32_t i
        if code == self.last_code:
            return self.last_code_id
        for i in range(self.ncodes):
            if self.code_offs[i] == code:
                self.last_code = code
                self.last_code_id = i
                return i
        cdef uint64_t cap = self.cap_codes
        if self.ncodes == self.cap_codes:
            if self.grow(<void**>&self.code_offs, &cap, self.ncodes + 1, 4) < 0:
                return -1
            self.cap_codes = <uint32_t>cap
        try:
            self.codes.append(snapshot_code(self.engine, code))
        except BaseException:
            return -1
        self.code_offs[self.ncodes] = code
        self.ncodes += 1
        self.last_code = code
        self.last_code_id = self.ncodes - 1
        return self.last_code_id

    # --- the hooks ---------------------------------------------------------------------

    cdef int on_step(self) noexcept:
        cdef Runtime* rt = self.rt
        cdef Frame* fr
        cdef JSCode* c
        cdef Step* st
        cdef uint64_t n, keep
        cdef int cid, i
        cdef uint32_t rc
        if self.stopped:
            return self.stop_run()
        if self.nsteps >= self.budget:
            self.stopped = 1
            return self.stop_run()
        self.resolve_allocs()
        self.follow_refcounts()
        fr = &rt.frames[rt.nframes - 1]
        c = <JSCode*>(rt.base + fr.code)
        cid = self.code_id(fr.code)
        if cid < 0:
            self.stopped = 2
            return self.stop_run()
        if self.nsteps == self.cap_steps:
            if self.grow(<void**>&self.steps, &self.cap_steps, self.nsteps + 1, sizeof(Step)) < 0:
                self.stopped = 2
                return self.stop_run()
        # [this, args..., locals..., operands...] are contiguous on the value stack
        n = <uint64_t>(fr.sp - (fr.args - 1))
        keep = n if n <= MAX_WORDS else MAX_WORDS
        if self.npool + keep > self.cap_pool:
            if self.grow(<void**>&self.pool, &self.cap_pool, self.npool + keep, 8) < 0:
                self.stopped = 2
                return self.stop_run()
        memcpy(self.pool + self.npool, fr.args - 1, keep * 8)
        st = &self.steps[self.nsteps]
        st.code = cid
        st.pc = <uint32_t>((<uint8_t*>fr.pc - (<uint8_t*>c + c.code_at)) // 4)
        st.vals = self.npool
        st.nwords = <uint32_t>keep
        st.nslots = <uint32_t>n
        st.nargs = <uint32_t>(fr.argc if fr.argc > <int>c.nparams else c.nparams)
        st.depth = rt.nframes - self.base_depth
        st.op = fr.pc[0] & 0xFF
        self.npool += keep
        self.nsteps += 1
        return 0

    cdef int stop_run(self) noexcept:
        """End the traced run with an uncatchable error (no JS catch or finally runs)."""
        cdef Runtime* rt = self.rt
        if rt.has_exc and rt.uncatchable:
            return -1
        if self.stopped == 1:
            msg = ("step budget exhausted: %d instructions traced, execution stopped there "
                   "(the partial trace is kept)" % self.budget)
        else:
            msg = "the tracer ran out of memory: execution stopped (the partial trace is kept)"
        try:
            self.engine.pending_py_exc = StepBudgetExceeded(msg, self.budget)
        except BaseException:
            pass
        throw_error_str(rt, E_ERROR, msg)
        rt.uncatchable = 1
        rt.interrupted = 3            # take_exception() raises pending_py_exc
        return -1

    cdef void resolve_allocs(self) noexcept:
        """Describe blocks allocated since the last step (their creator has filled them now)."""
        cdef Event* ev
        cdef BlockHeader* h
        while self.resolved < self.nevents:
            ev = &self.events[self.resolved]
            if not ev.done:
                ev.done = 1
                h = hdr(self.rt, ev.off)
                if h.type == ev.type:
                    ev.aux = h.aux
                    try:
                        self.details[self.resolved] = describe_block(self.rt, ev.off)
                    except BaseException:
                        pass
                    if ev.type == BT_OBJECT and self.nwatch < WATCH_MAX:
                        self.watch[self.nwatch] = ev.off
                        self.watch_rc[self.nwatch] = h.refcount
                        self.nwatch += 1
            self.resolved += 1

    cdef void follow_refcounts(self) noexcept:
        cdef int i
        cdef uint32_t rc
        cdef BlockHeader* h
        for i in range(self.nwatch):
            h = hdr(self.rt, self.watch[i])
            rc = h.refcount
            if rc != self.watch_rc[i]:
                self.watch_rc[i] = rc
                if self.add_event(EV_REFCOUNT, self.watch[i], h.size, h.type, h.aux, rc) == 0:
                    try:
                        self.details.append(None)
                    except BaseException:
                        pass

    cdef void on_heap(self, uint32_t off, int event) noexcept:
        cdef BlockHeader* h = hdr(self.rt, off)
        cdef int i
        cdef uint32_t j
        if self.stopped:
            return
        if event > 0:
            if self.add_event(EV_ALLOC, off, h.size, h.type, h.aux, 1) == 0:
                try:
                    self.details.append(None)
                    self.live_allocs[off] = self.nevents - 1
                except BaseException:
                    pass
            return
        # about to be freed: the block is intact
        for i in range(self.nwatch):
            if self.watch[i] == off:
                self.nwatch -= 1
                self.watch[i] = self.watch[self.nwatch]
                self.watch_rc[i] = self.watch_rc[self.nwatch]
                break
        if h.type == BT_CODE:
            for j in range(self.ncodes):
                if self.code_offs[j] == off:
                    self.code_offs[j] = 0     # a new block at this offset is a new code id
            if self.last_code == off:
                self.last_code = 0
        if self.add_event(EV_FREE, off, h.size, h.type, h.aux, 0) == 0:
            try:
                born = self.live_allocs.pop(off, None)
                if born is not None and not self.events[<uint64_t>born].done:
                    self.events[<uint64_t>born].done = 1      # freed within the step that made it
                    self.details[born] = describe_block(self.rt, off)
                self.details.append(self.details[born] if born is not None and self.details[born]
                                    else describe_block(self.rt, off))
            except BaseException:
                self.details.append(None)

    # --- running and collecting the result ------------------------------------------------

    def run(self, thunk):
        """Call thunk() (which makes the engine run code) with tracing on; return a Trace."""
        cdef Runtime* rt = self.rt
        if rt.tracing or rt.trace_ctx != NULL:
            raise RuntimeError("this engine is already tracing (traces do not nest)")
        self.base_depth = rt.nframes
        rt.trace_ctx = <void*>self
        rt.trace_hook = trace_step
        rt.trace_heap = trace_heap
        status, message, result, error = "done", "", None, None
        rt.tracing = 1
        try:
            result = thunk()
        except StepBudgetExceeded as exc:
            status, message = ("budget" if self.stopped == 1 else "oom"), str(exc)
        except JSError as exc:
            status, message, error = "error", str(exc), exc
        except (JSInterrupted, KeyboardInterrupt) as exc:
            status, message = "interrupted", "interrupted: the partial trace is kept"
        finally:
            rt.tracing = 0
            rt.trace_hook = NULL
            rt.trace_heap = NULL
            rt.trace_ctx = NULL
        self.resolve_allocs()
        return self.collect(status, message, result, error)

    cdef object collect(self, str status, str message, object result, object error):
        cdef uint64_t i
        cdef Step* st
        cdef Event* ev
        codes = self.codes
        opnames = [op.name for op in bytecode.OPS]
        steps = []
        for i in range(self.nsteps):
            st = &self.steps[i]
            code = codes[st.code]
            ins = code.by_pc.get(st.pc)
            steps.append(TraceStep(i, st.code, st.pc, opnames[st.op] if st.op < len(opnames) else "?",
                                   st.depth, ins.line if ins else code.line, ins.column if ins else 0,
                                   st.nargs, code.nlocals, st.nslots,
                                   tuple(self.pool[st.vals + j] for j in range(st.nwords))))
        kinds = {EV_ALLOC: "alloc", EV_FREE: "free", EV_REFCOUNT: "refcount"}
        events = []
        for i in range(self.nevents):
            ev = &self.events[i]
            btype = BLOCK_TYPES[ev.type] if ev.type < len(BLOCK_TYPES) else "?"
            events.append(HeapEvent(ev.step, kinds[ev.kind], ev.off, ev.size, btype,
                                    self.details[i] or btype, ev.refcount))
        return Trace(steps, codes, events, block_lives(self.engine, events, steps), status, message,
                     int(self.budget), result, error)


cdef int trace_step(Runtime* rt) noexcept:
    return (<Recorder>rt.trace_ctx).on_step()


cdef void trace_heap(Runtime* rt, uint32_t off, int event) noexcept:
    (<Recorder>rt.trace_ctx).on_heap(off, event)


def snapshot_code(Engine engine, uint32_t code):
    """A TraceCode: the disassembly and facts of one code block, taken while it lives."""
    from glassjs.engine.introspect import disassemble, code_info
    info = code_info(engine, code_offset=code)
    instructions = tuple(disassemble(engine, code_offset=code))
    source = info["source"]
    return TraceCode(code, info["name"] or ("<script>" if not source else "<anonymous>"), info["filename"],
                     info["line"], info["nparams"], info["nlocals"], instructions,
                     {ins.pc: ins for ins in instructions}, tuple(info["constants"]),
                     tuple(info["names"]), source)


def block_lives(Engine engine, list events, list steps):
    """{offset: [BlockLife]} for every block a traced value word or heap event names.

    A block allocated during the trace lives from its alloc step to its free
    step (None = still live at the end); a block from before the trace is
    described by its free event, or by the heap as it is now.
    """
    from glassjs.engine.records import decode_bits
    cdef Runtime* rt = engine.rt
    lives = {}
    open_ = {}
    for ev in events:
        if ev.kind == "alloc":
            life = BlockLife(ev.offset, ev.size, ev.type, ev.detail, ev.step, None)
            lives.setdefault(ev.offset, []).append(life)
            open_[ev.offset] = len(lives[ev.offset]) - 1
        elif ev.kind == "free":
            k = open_.pop(ev.offset, None)
            if k is not None:
                lives[ev.offset][k] = lives[ev.offset][k]._replace(died=ev.step, detail=ev.detail)
            else:
                lives.setdefault(ev.offset, []).insert(0, BlockLife(ev.offset, ev.size, ev.type, ev.detail,
                                                                    None, ev.step))
    seen = set()
    for st in steps:
        for w in st.words:
            if w >= 0xFFFD000000000000:
                seen.add(w & 0xFFFFFFFF)
    for off in seen:
        if off in lives and lives[off][0].born is None:
            continue
        if off < rt.ram_start and off >= rt.rom_start and off < rt.rom_end or off >= rt.ram_start and off < rt.top:
            h = hdr(rt, off)
            if h.type != BT_FREE:
                lives.setdefault(off, []).insert(0, BlockLife(off, h.size, BLOCK_TYPES[h.type] if h.type < BT_COUNT else "?",
                                                              describe_block(rt, off), None, None))
    return lives


# --- public entry points ------------------------------------------------------------------

def trace_source(Engine engine, str source, filename="<trace>", budget=DEFAULT_BUDGET):
    """Run a script with tracing on; the Trace (partial when the budget stopped it)."""
    return Recorder(engine, budget).run(lambda: engine.eval(source, filename))


def trace_call(Engine engine, fn, *args, budget=DEFAULT_BUDGET):
    """Call a JS function with tracing on (glass.trace(fn))."""
    if not isinstance(fn, ObjectHandle):
        raise TypeError("glass.trace expects a function")
    return Recorder(engine, budget).run(lambda: fn(*args))


def is_tracing(Engine engine):
    return bool(engine.rt != NULL and engine.rt.tracing)


# --- the collector's phases (the GC view) ---------------------------------------------------

cdef class GCObserver:
    cdef Engine engine
    cdef public list phases

    def __cinit__(self, Engine engine):
        self.engine = engine
        self.phases = []

    cdef void observe(self, int phase) noexcept:
        cdef Runtime* rt = self.engine.rt
        cdef uint32_t off = rt.ram_start
        cdef BlockHeader* h
        try:
            state = {}
            while off < rt.top:
                h = hdr(rt, off)
                if phase == 1 and h.flags & HF_MARK:
                    # link = references from outside the heap, left by trial deletion
                    state[off] = "root" if h.link > 0 and _is_container(h.type) else "marked"
                elif phase == 2 and h.flags & HF_GARBAGE:
                    state[off] = "garbage"
                off += h.size
            self.phases.append((phase, state, rt.used_bytes))
        except BaseException:
            pass


cdef inline bint _is_container(uint8_t t) noexcept:
    return t == BT_OBJECT or t == BT_PROPS or t == BT_ELEMS or t == BT_CODE or t == BT_ENV or t == BT_SCOPE


cdef void gc_observe(Runtime* rt, int phase) noexcept:
    (<GCObserver>rt.trace_ctx).observe(phase)


def collect_with_phases(Engine engine):
    """Run the cycle collector and record its phases: a GCPhases record.

    Reads the header flags the collector leaves between its passes (MARK,
    GARBAGE and the trial-deletion remainder); changes nothing.
    """
    from glassjs.engine.introspect import heap_blocks
    cdef Runtime* rt = engine.rt
    if rt == NULL:
        raise ValueError("engine is closed")
    if rt.tracing or rt.trace_ctx != NULL:
        raise RuntimeError("the engine is tracing")
    before = heap_blocks(engine, include_free=False)
    obs = GCObserver(engine)
    rt.trace_ctx = <void*>obs
    rt.gc_observe = gc_observe
    try:
        stats = engine.gc_stats()
    finally:
        rt.gc_observe = NULL
        rt.trace_ctx = NULL
    after = heap_blocks(engine, include_free=False)
    by_phase = {p: s for p, s, _ in obs.phases}
    used = {p: u for p, _, u in obs.phases}
    return GCPhases(before, after, by_phase.get(1, {}), by_phase.get(2, {}), stats,
                    used.get(2, 0) - used.get(3, 0) if 3 in used else 0)
