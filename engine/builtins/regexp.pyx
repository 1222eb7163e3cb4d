# RegExp (ES5.1 15.10 with the current spec's constructor, accessors and exec),
# and the C matcher for the regex bytecode of engine/regex/compiler.py.
#
# A RegExp object is a plain JSObject (CLASS_REGEXP) whose `internal` is a
# BT_BYTES block holding the compiled program (header, instructions, the
# pattern's source texts), refcounted like any child, plus its own
# `lastIndex` data property.  Programs are compiled once per (pattern, flags)
# by the Python compiler and kept in a small process-wide cache of the
# program bytes, so `new RegExp` in a loop costs an allocation and a memcpy.
#
# The matcher is a backtracking interpreter (QuickJS's libregexp design) in C:
# no Python objects in the loop, the subject's units read in place (one
# specialisation for one-byte and one for two-byte strings), an explicit
# backtrack stack (malloc'd, grown by doubling, capped: RangeError) that holds
# choice points and an undo trail for registers, and an interrupt poll every
# POLL_STEPS steps so catastrophic backtracking can be stopped.
# See docs/regexp.md.

from libc.stdint cimport uint64_t, uint32_t, int32_t, int64_t, uint16_t, uint8_t
from libc.string cimport memcpy, memset, memchr, memcmp
from libc.stdlib cimport malloc, realloc, free
from libc.math cimport isnan

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport dup, incref, decref, incref_off, decref_off, heap_alloc, hdr
from glassjs.engine.core.strings cimport (str_len, sptr, str_bytes, str_units, str_new_units, str_substring,
                                           intern_ascii, str_from_ascii, str_intern)
from glassjs.engine.core.objects cimport (optr, obj_alloc, arr_new, elems_items, prop_add, prop_set_own, prop_find, get_prop,
                                           put_prop, is_callable, throw_error, throw_error_str, throw_oom)
from glassjs.engine.core.ops cimport to_string, to_number, to_integer, to_boolean, get_value
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.core.vm cimport CALL_CONSTRUCT, vm_call
from glassjs.engine.api cimport Engine, ObjectHandle

from glassjs.engine.regex import compiler as _rc
from glassjs.engine.regex.disasm import disassemble_program, format_program


# --- the program format (must match engine/regex/compiler.py) ------------------------

cdef enum:
    RX_MAGIC = 0x58524A47
    RF_GLOBAL = 0x01
    RF_IGNORECASE = 0x02
    RF_MULTILINE = 0x04
    RF_DOTALL = 0x08
    RF_UNICODE = 0x10
    RF_STICKY = 0x20
    RF_HASINDICES = 0x40
    RF_UNICODESETS = 0x80
    HINT_ANCHORED = 0x01
    HINT_BITMAP = 0x02
    HINT_HIGH = 0x04
    HINT_SINGLE = 0x08
    INFINITE = 0xFFFFFFFF

cdef struct RxHeader:             # 96 bytes, after the block header
    uint32_t magic
    uint32_t flags                # RF_*
    uint32_t ncaps                # capture groups + 1
    uint32_t nregs                # registers: 2 * ncaps capture slots, then loop registers
    uint32_t code_at              # byte offsets from the start of this header
    uint32_t code_words
    uint32_t src_at               # the pattern as given (uint16 units)
    uint32_t src_len
    uint32_t esc_at               # EscapeRegExpPattern(pattern): the `source` text
    uint32_t esc_len
    uint32_t hints                # HINT_*
    uint32_t first_char
    uint32_t bitmap[8]            # units < 256 that can start a match (HINT_BITMAP)
    uint32_t names_at             # group names: per group, a length unit then the units
    uint32_t names_len            # in units (0: no named groups)
    uint32_t reserved[2]

# opcodes, in the order of compiler.OPCODES (checked at import)
cdef enum:
    OP_MATCH = 0
    OP_CHAR
    OP_CHAR_I
    OP_STR
    OP_ANY
    OP_ANY_ALL
    OP_CLASS
    OP_FAIL
    OP_BOL
    OP_BOL_M
    OP_EOL
    OP_EOL_M
    OP_WORDB
    OP_NWORDB
    OP_GOTO
    OP_SPLIT_NEXT
    OP_SPLIT_GOTO
    OP_SAVE
    OP_RESET
    OP_BACKREF
    OP_BACKREF_I
    OP_LOOK
    OP_LOOK_END
    OP_NLOOK_END
    OP_SET_POS
    OP_CHECK_ADV
    OP_LOOP_INIT
    OP_LOOP
    OP_LOOP_LAZY
    OP_LOOP_TAIL
    OP_REP
    OP_REP_LAZY
    OP_UNIT_B
    OP_STR_B
    OP_BACKREF_B
    OP_BACKREF_I_B
    OP_REP_B
    OP_REP_LAZY_B
    OP_COUNT

_C_OPCODES = ["MATCH", "CHAR", "CHAR_I", "STR", "ANY", "ANY_ALL", "CLASS", "FAIL", "BOL", "BOL_M", "EOL",
              "EOL_M", "WORDB", "NWORDB", "GOTO", "SPLIT_NEXT", "SPLIT_GOTO", "SAVE", "RESET", "BACKREF",
              "BACKREF_I", "LOOK", "LOOK_END", "NLOOK_END", "SET_POS", "CHECK_ADV", "LOOP_INIT", "LOOP",
              "LOOP_LAZY", "LOOP_TAIL", "REP", "REP_LAZY", "UNIT_B", "STR_B", "BACKREF_B", "BACKREF_I_B",
              "REP_B", "REP_LAZY_B"]
if [op[0] for op in _rc.OPCODES] != _C_OPCODES or len(_C_OPCODES) != OP_COUNT:
    raise ImportError("regexp.pyx opcodes do not match engine/regex/compiler.py")
if _rc.HEADER_WORDS * 4 != sizeof(RxHeader) or _rc.MAGIC != RX_MAGIC:
    raise ImportError("regexp.pyx program header does not match engine/regex/compiler.py")

cdef inline RxHeader* prog_header(Runtime* rt, uint32_t prog) noexcept nogil:
    return <RxHeader*>(rt.base + prog + 16)

cdef inline const uint32_t* prog_code(RxHeader* h) noexcept nogil:
    return <const uint32_t*>((<uint8_t*>h) + h.code_at)

cdef inline const uint16_t* prog_src(RxHeader* h) noexcept nogil:
    return <const uint16_t*>((<uint8_t*>h) + h.src_at)

cdef inline const uint16_t* prog_esc(RxHeader* h) noexcept nogil:
    return <const uint16_t*>((<uint8_t*>h) + h.esc_at)


# --- case folding (Canonicalize, ES5.1 15.10.2.8) -------------------------------------

cdef uint16_t* canon = NULL

cdef int canon_init() noexcept:
    global canon
    cdef uint16_t* t
    cdef uint32_t i
    if canon != NULL:
        return 0
    try:
        table = _rc.canon_table()
        t = <uint16_t*>malloc(2 * 0x10000)
        if t == NULL:
            return -1
        for i in range(0x10000):
            t[i] = table[i]
    except BaseException:
        return -1
    canon = t
    return 0


# --- the matcher ---------------------------------------------------------------------

ctypedef fused unit_t:
    uint8_t
    uint16_t

cdef enum:       # backtrack stack entries
    TR_UNDO = 0       # pc = register, a = old value
    TR_CHOICE = 1     # resume at pc with position a
    TR_GREEDY = 2     # REP gave back one unit: resume at pc with position a - 1 (> b)
    TR_LAZY = 3       # REP_LAZY may take one more unit: pc = the REP_LAZY, a = position, b = count
    TR_LOOK = 4       # lookahead marker: pc = after the lookahead, a = position
    TR_NLOOK = 5      # negative lookahead marker (popping it = the lookahead succeeds)
    TR_GREEDY_B = 6   # REP_B gave back one unit: resume at pc with position a + 1 (< b)
    TR_LAZY_B = 7     # REP_LAZY_B may take one more unit backward

cdef struct Trail:
    int32_t kind
    int32_t pc
    int32_t a
    int32_t b

cdef enum:
    POLL_STEPS = 1 << 16
    INITIAL_TRAIL = 1024
    MAX_TRAIL = 1 << 22          # entries (16 bytes each): 64 MB
    KEEP_TRAIL = 1 << 16         # a bigger stack is freed after the match

cdef struct Matcher:
    Runtime* rt
    const uint32_t* code
    int32_t* regs
    uint32_t nregs
    uint32_t ncaps
    Trail* stack
    uint32_t sp
    uint32_t cap
    int32_t countdown

# one stack reused across matches (a nested match, from an interrupt handler, mallocs its own)
cdef Trail* shared_stack = NULL
cdef uint32_t shared_cap = 0
cdef bint shared_busy = 0


cdef int grow(Matcher* m) noexcept:
    cdef uint32_t ncap
    cdef Trail* t
    if m.cap >= MAX_TRAIL:
        throw_error(m.rt, E_RANGE, "Maximum regular expression backtracking stack size exceeded")
        return -1
    ncap = m.cap * 2 if m.cap else INITIAL_TRAIL
    t = <Trail*>realloc(m.stack, ncap * sizeof(Trail))
    if t == NULL:
        throw_oom(m.rt)
        return -1
    m.stack = t
    m.cap = ncap
    return 0


cdef inline int push(Matcher* m, int32_t kind, int32_t pc, int32_t a, int32_t b) noexcept:
    cdef Trail* e
    if unlikely(m.sp >= m.cap) and grow(m) < 0:
        return -1
    e = &m.stack[m.sp]
    e.kind = kind
    e.pc = pc
    e.a = a
    e.b = b
    m.sp += 1
    return 0


cdef inline int set_reg(Matcher* m, uint32_t r, int32_t v) noexcept:
    """regs[r] = v, remembering the old value for backtracking (when there is any)."""
    cdef int32_t old = m.regs[r]
    if old == v:
        return 0
    if m.sp and push(m, TR_UNDO, <int32_t>r, old, 0) < 0:
        return -1
    m.regs[r] = v
    return 0


cdef int poll(Matcher* m) noexcept:
    """Every POLL_STEPS steps: ask the host whether to stop (as the VM does)."""
    cdef Runtime* rt = m.rt
    m.countdown = POLL_STEPS
    if rt.poll_interrupt != NULL and rt.poll_interrupt(rt):
        throw_error(rt, E_ERROR, "interrupted")
        rt.uncatchable = 1
        return -1
    return 0


cdef inline bint is_line_terminator(uint32_t c) noexcept nogil:
    return c == 10 or c == 13 or c == 0x2028 or c == 0x2029


cdef inline bint is_word(uint32_t c) noexcept nogil:
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122) or c == 95


cdef inline bint class_has(const uint32_t* ins, uint32_t c) noexcept nogil:
    cdef uint32_t n, lo, hi, mid, w
    if c < 256:
        return (ins[1 + (c >> 5)] >> (c & 31)) & 1
    n = ins[0] >> 8
    ins = ins + 9
    lo = 0
    hi = n
    while lo < hi:                 # first range whose end >= c
        mid = (lo + hi) >> 1
        if (ins[mid] >> 16) < c:
            lo = mid + 1
        else:
            hi = mid
    if lo < n:
        w = ins[lo]
        return (w & 0xFFFF) <= c
    return 0


cdef inline bint unit_ok(const uint32_t* ins, uint32_t c) noexcept nogil:
    """Does the one-unit matcher at ins accept c?"""
    cdef uint32_t op = ins[0] & 0xFF
    if op == OP_CLASS:
        return class_has(ins, c)
    if op == OP_CHAR:
        return c == (ins[0] >> 8)
    if op == OP_ANY:
        return not is_line_terminator(c)
    if op == OP_CHAR_I:
        return canon[c] == (ins[0] >> 8)
    if op == OP_ANY_ALL:
        return 1
    return 0


cdef int run_at(Matcher* m, const unit_t* s, int32_t n, int32_t start) noexcept:
    """Try to match at start: 1 (regs hold the captures), 0, or -1 (exception pending)."""
    cdef const uint32_t* code = m.code
    cdef const uint32_t* ins
    cdef int32_t* regs = m.regs
    cdef uint32_t pc = 0, w, op, a, k, cnt, lim, wi
    cdef int32_t pos = start, st, en, ln, p, mi
    cdef Trail* e
    cdef Trail* stack
    cdef bint ok
    m.sp = 0
    for k in range(2 * m.ncaps):
        regs[k] = -1
    while True:
        w = code[pc]
        op = w & 0xFF
        a = w >> 8
        if op == OP_CHAR:
            if pos < n and s[pos] == a:
                pos += 1
                pc += 1
                continue
        elif op == OP_CLASS:
            if pos < n and class_has(code + pc, s[pos]):
                pos += 1
                pc += 9 + a
                continue
        elif op == OP_STR:
            if pos + <int32_t>a <= n:
                ok = 1
                for k in range(a):
                    wi = code[pc + 1 + (k >> 1)]
                    if s[pos + <int32_t>k] != ((wi >> 16) if (k & 1) else (wi & 0xFFFF)):
                        ok = 0
                        break
                if ok:
                    pos += a
                    pc += 1 + ((a + 1) >> 1)
                    continue
        elif op == OP_REP:
            ins = code + pc + 3
            lim = code[pc + 2]
            if lim > <uint32_t>(n - pos):
                lim = <uint32_t>(n - pos)
            cnt = 0
            if (ins[0] & 0xFF) == OP_CLASS:
                while cnt < lim and class_has(ins, s[pos + <int32_t>cnt]):
                    cnt += 1
            elif (ins[0] & 0xFF) == OP_CHAR:
                while cnt < lim and s[pos + <int32_t>cnt] == (ins[0] >> 8):
                    cnt += 1
            elif (ins[0] & 0xFF) == OP_ANY_ALL:
                cnt = lim
            else:
                while cnt < lim and unit_ok(ins, s[pos + <int32_t>cnt]):
                    cnt += 1
            if cnt >= code[pc + 1]:
                if cnt > code[pc + 1]:
                    if push(m, TR_GREEDY, <int32_t>(pc + 3 + a), pos + <int32_t>cnt,
                            pos + <int32_t>code[pc + 1]) < 0:
                        return -1
                pos += cnt
                pc += 3 + a
                continue
        elif op == OP_SAVE:
            if set_reg(m, a, pos) < 0:
                return -1
            pc += 1
            continue
        elif op == OP_SPLIT_NEXT:
            if push(m, TR_CHOICE, <int32_t>code[pc + 1], pos, 0) < 0:
                return -1
            pc += 2
            continue
        elif op == OP_SPLIT_GOTO:
            if push(m, TR_CHOICE, <int32_t>(pc + 2), pos, 0) < 0:
                return -1
            pc = code[pc + 1]
            continue
        elif op == OP_GOTO:
            pc = code[pc + 1]
            m.countdown -= 1
            if unlikely(m.countdown <= 0) and poll(m) < 0:
                return -1
            continue
        elif op == OP_MATCH:
            regs[0] = start
            regs[1] = pos
            return 1
        elif op == OP_CHAR_I:
            if pos < n and canon[s[pos]] == a:
                pos += 1
                pc += 1
                continue
        elif op == OP_ANY:
            if pos < n and not is_line_terminator(s[pos]):
                pos += 1
                pc += 1
                continue
        elif op == OP_ANY_ALL:
            if pos < n:
                pos += 1
                pc += 1
                continue
        elif op == OP_FAIL:
            pass
        elif op == OP_BOL:
            if pos == 0:
                pc += 1
                continue
        elif op == OP_BOL_M:
            if pos == 0 or is_line_terminator(s[pos - 1]):
                pc += 1
                continue
        elif op == OP_EOL:
            if pos == n:
                pc += 1
                continue
        elif op == OP_EOL_M:
            if pos == n or is_line_terminator(s[pos]):
                pc += 1
                continue
        elif op == OP_WORDB or op == OP_NWORDB:
            ok = (pos > 0 and is_word(s[pos - 1])) != (pos < n and is_word(s[pos]))
            if ok == (op == OP_WORDB):
                pc += 1
                continue
        elif op == OP_RESET:
            for k in range(code[pc + 1]):
                if set_reg(m, a + k, -1) < 0:
                    return -1
            pc += 2
            continue
        elif op == OP_BACKREF or op == OP_BACKREF_I:
            st = regs[2 * a]
            en = regs[2 * a + 1]
            if st < 0 or en < st:          # not (yet) matched: matches the empty string
                pc += 1
                continue
            ln = en - st
            if pos + ln <= n:
                ok = 1
                if op == OP_BACKREF:
                    for k in range(<uint32_t>ln):
                        if s[st + <int32_t>k] != s[pos + <int32_t>k]:
                            ok = 0
                            break
                else:
                    for k in range(<uint32_t>ln):
                        if canon[s[st + <int32_t>k]] != canon[s[pos + <int32_t>k]]:
                            ok = 0
                            break
                if ok:
                    pos += ln
                    pc += 1
                    continue
        elif op == OP_LOOK:
            if push(m, TR_NLOOK if a else TR_LOOK, <int32_t>code[pc + 1], pos, 0) < 0:
                return -1
            pc += 2
            continue
        elif op == OP_LOOK_END or op == OP_NLOOK_END:
            stack = m.stack
            mi = <int32_t>m.sp - 1
            while stack[mi].kind != TR_LOOK and stack[mi].kind != TR_NLOOK:
                mi -= 1
            if op == OP_LOOK_END:
                # keep the captures' undo records, drop the body's choice points and the marker
                pc = <uint32_t>stack[mi].pc
                pos = stack[mi].a
                st = mi
                for k in range(<uint32_t>(mi + 1), m.sp):
                    if stack[k].kind == TR_UNDO:
                        stack[st] = stack[k]
                        st += 1
                m.sp = <uint32_t>st
                continue
            # the negative lookahead's body matched: undo it and fail
            k = m.sp
            while k > <uint32_t>(mi + 1):
                k -= 1
                if stack[k].kind == TR_UNDO:
                    regs[stack[k].pc] = stack[k].a
            m.sp = <uint32_t>mi
        elif op == OP_SET_POS:
            if set_reg(m, a, pos) < 0:
                return -1
            pc += 1
            continue
        elif op == OP_CHECK_ADV:
            if regs[a] != pos:
                pc += 1
                continue
        elif op == OP_LOOP_INIT:
            if set_reg(m, a, 0) < 0:
                return -1
            pc += 1
            continue
        elif op == OP_LOOP or op == OP_LOOP_LAZY:
            cnt = <uint32_t>regs[a]
            if cnt < code[pc + 1]:
                pc += 4
            elif cnt >= code[pc + 2]:
                pc = code[pc + 3]
            elif op == OP_LOOP:
                if push(m, TR_CHOICE, <int32_t>code[pc + 3], pos, 0) < 0:
                    return -1
                pc += 4
            else:
                if push(m, TR_CHOICE, <int32_t>(pc + 4), pos, 0) < 0:
                    return -1
                pc = code[pc + 3]
            continue
        elif op == OP_LOOP_TAIL:
            cnt = <uint32_t>regs[a]
            if not (code[pc + 2] and cnt >= code[pc + 1] and regs[code[pc + 2] - 1] == pos):
                if set_reg(m, a, <int32_t>(cnt + 1)) < 0:
                    return -1
                pc = code[pc + 3]
                m.countdown -= 1
                if unlikely(m.countdown <= 0) and poll(m) < 0:
                    return -1
                continue
        elif op == OP_REP_LAZY:
            ins = code + pc + 3
            cnt = 0
            while cnt < code[pc + 1] and pos + <int32_t>cnt < n and unit_ok(ins, s[pos + <int32_t>cnt]):
                cnt += 1
            if cnt == code[pc + 1]:
                pos += cnt
                if cnt < code[pc + 2]:
                    if push(m, TR_LAZY, <int32_t>pc, pos, <int32_t>cnt) < 0:
                        return -1
                pc += 3 + a
                continue
        elif op == OP_UNIT_B:
            if pos > 0 and unit_ok(code + pc + 1, s[pos - 1]):
                pos -= 1
                pc += 1 + a
                continue
        elif op == OP_STR_B:
            if pos >= <int32_t>a:
                ok = 1
                st = pos - <int32_t>a
                for k in range(a):
                    wi = code[pc + 1 + (k >> 1)]
                    if s[st + <int32_t>k] != ((wi >> 16) if (k & 1) else (wi & 0xFFFF)):
                        ok = 0
                        break
                if ok:
                    pos = st
                    pc += 1 + ((a + 1) >> 1)
                    continue
        elif op == OP_BACKREF_B or op == OP_BACKREF_I_B:
            st = regs[2 * a]
            en = regs[2 * a + 1]
            if st < 0 or en < st:
                pc += 1
                continue
            ln = en - st
            if pos >= ln:
                ok = 1
                p = pos - ln
                if op == OP_BACKREF_B:
                    for k in range(<uint32_t>ln):
                        if s[st + <int32_t>k] != s[p + <int32_t>k]:
                            ok = 0
                            break
                else:
                    for k in range(<uint32_t>ln):
                        if canon[s[st + <int32_t>k]] != canon[s[p + <int32_t>k]]:
                            ok = 0
                            break
                if ok:
                    pos = p
                    pc += 1
                    continue
        elif op == OP_REP_B:
            ins = code + pc + 3
            lim = code[pc + 2]
            if lim > <uint32_t>pos:
                lim = <uint32_t>pos
            cnt = 0
            while cnt < lim and unit_ok(ins, s[pos - 1 - <int32_t>cnt]):
                cnt += 1
            if cnt >= code[pc + 1]:
                if cnt > code[pc + 1]:
                    if push(m, TR_GREEDY_B, <int32_t>(pc + 3 + a), pos - <int32_t>cnt,
                            pos - <int32_t>code[pc + 1]) < 0:
                        return -1
                pos -= cnt
                pc += 3 + a
                continue
        elif op == OP_REP_LAZY_B:
            ins = code + pc + 3
            cnt = 0
            while cnt < code[pc + 1] and pos - <int32_t>cnt > 0 and unit_ok(ins, s[pos - 1 - <int32_t>cnt]):
                cnt += 1
            if cnt == code[pc + 1]:
                pos -= cnt
                if cnt < code[pc + 2]:
                    if push(m, TR_LAZY_B, <int32_t>pc, pos, <int32_t>cnt) < 0:
                        return -1
                pc += 3 + a
                continue
        else:
            throw_error(m.rt, E_ERROR, "corrupt regular expression program")
            return -1

        # --- failure: backtrack ---
        m.countdown -= 1
        if unlikely(m.countdown <= 0) and poll(m) < 0:
            return -1
        while True:
            if m.sp == 0:
                return 0
            e = &m.stack[m.sp - 1]
            if e.kind == TR_UNDO:
                regs[e.pc] = e.a
                m.sp -= 1
            elif e.kind == TR_CHOICE:
                pc = <uint32_t>e.pc
                pos = e.a
                m.sp -= 1
                break
            elif e.kind == TR_GREEDY:
                pos = e.a - 1
                if pos <= e.b:
                    m.sp -= 1
                else:
                    e.a = pos
                pc = <uint32_t>e.pc
                break
            elif e.kind == TR_LAZY:
                ins = code + e.pc + 3
                p = e.a
                cnt = <uint32_t>e.b
                if p < n and unit_ok(ins, s[p]):
                    pc = <uint32_t>e.pc + 3 + (code[e.pc] >> 8)
                    pos = p + 1
                    if cnt + 1 < code[e.pc + 2]:
                        e.a = pos
                        e.b = <int32_t>(cnt + 1)
                    else:
                        m.sp -= 1
                    break
                m.sp -= 1
            elif e.kind == TR_GREEDY_B:
                pos = e.a + 1
                if pos >= e.b:
                    m.sp -= 1
                else:
                    e.a = pos
                pc = <uint32_t>e.pc
                break
            elif e.kind == TR_LAZY_B:
                ins = code + e.pc + 3
                p = e.a
                cnt = <uint32_t>e.b
                if p > 0 and unit_ok(ins, s[p - 1]):
                    pc = <uint32_t>e.pc + 3 + (code[e.pc] >> 8)
                    pos = p - 1
                    if cnt + 1 < code[e.pc + 2]:
                        e.a = pos
                        e.b = <int32_t>(cnt + 1)
                    else:
                        m.sp -= 1
                    break
                m.sp -= 1
            elif e.kind == TR_NLOOK:
                # the negative lookahead's body failed: the lookahead succeeds
                pc = <uint32_t>e.pc
                pos = e.a
                m.sp -= 1
                break
            else:      # TR_LOOK: the positive lookahead's body failed
                m.sp -= 1


cdef int search(Matcher* m, RxHeader* h, const unit_t* s, int32_t n, int32_t start, bint sticky) noexcept:
    """Find the first match at or after start (only at start when sticky): 1/0/-1."""
    cdef int32_t pos = start
    cdef int r
    cdef uint32_t c, hints = h.hints
    cdef const void* hit
    if hints & HINT_ANCHORED:
        sticky = 1
    while pos <= n:
        if not sticky and hints & HINT_BITMAP:
            if hints & HINT_SINGLE:
                c = h.first_char
                if unit_t is uint8_t:
                    if c > 255:
                        return 0
                    hit = memchr(s + pos, <int>c, <size_t>(n - pos))
                    if hit == NULL:
                        return 0
                    pos = <int32_t>(<const uint8_t*>hit - s)
                else:
                    while pos < n and s[pos] != c:
                        pos += 1
            else:
                while pos < n:
                    c = s[pos]
                    if c < 256:
                        if (h.bitmap[c >> 5] >> (c & 31)) & 1:
                            break
                    elif hints & HINT_HIGH:
                        break
                    pos += 1
            if pos >= n:
                return 0           # the pattern needs at least one unit
        r = run_at(m, s, n, pos)
        if r != 0:
            return r
        if sticky:
            return 0
        pos += 1
        m.countdown -= 1
        if unlikely(m.countdown <= 0) and poll(m) < 0:
            return -1
    return 0


cdef int match_program(Runtime* rt, uint32_t prog, uint32_t subject, int32_t start, bint sticky,
                       int32_t* caps) noexcept:
    """Run prog on the string subject from start.  caps: 2 * ncaps slots (filled on a
    match).  Returns 1 (match), 0 (none) or -1 (exception pending)."""
    cdef RxHeader* h = prog_header(rt, prog)
    cdef Matcher m
    cdef int32_t regs_local[64]
    cdef int r
    cdef int32_t n = <int32_t>str_len(rt, subject)
    cdef bint own_stack = 0
    if h.flags & RF_IGNORECASE and canon == NULL and canon_init() < 0:
        return throw_oom(rt)
    m.rt = rt
    m.code = prog_code(h)
    m.nregs = h.nregs
    m.ncaps = h.ncaps
    m.countdown = POLL_STEPS
    if h.nregs <= 64:
        m.regs = &regs_local[0]
    else:
        m.regs = <int32_t*>malloc(4 * h.nregs)
    if m.regs == NULL:
        return throw_oom(rt)
    global shared_stack, shared_cap, shared_busy
    if shared_busy:
        own_stack = 1
        m.stack = NULL
        m.cap = 0
    else:
        shared_busy = 1
        m.stack = shared_stack
        m.cap = shared_cap
    m.sp = 0
    incref_off(rt, prog)           # an interrupt handler cannot drop it, but be safe
    if sptr(rt, subject).h.flags & HF_ONEBYTE:
        r = search[uint8_t](&m, h, str_bytes(rt, subject), n, start, sticky)
    else:
        r = search[uint16_t](&m, h, str_units(rt, subject), n, start, sticky)
    if r == 1:
        memcpy(caps, m.regs, 8 * h.ncaps)
    decref_off(rt, prog)
    if m.regs != &regs_local[0]:
        free(m.regs)
    if own_stack:
        free(m.stack)
    else:
        if m.cap > KEEP_TRAIL:
            free(m.stack)
            m.stack = NULL
            m.cap = 0
        shared_stack = m.stack
        shared_cap = m.cap
        shared_busy = 0
    return r


# --- compiling: pattern string + flags -> program block (with a process-wide cache) -------

cdef struct CacheEntry:
    uint32_t hash
    uint32_t flags
    uint32_t nbytes
    uint8_t* data                 # malloc'd program bytes (what compile_regex returned)

cdef enum:
    CACHE_SIZE = 512
    CACHE_MAX_BYTES = 1 << 18     # bigger programs are not cached

cdef CacheEntry cache[CACHE_SIZE]


cdef uint32_t pattern_hash(Runtime* rt, uint32_t pat, uint32_t flags) noexcept:
    cdef uint32_t h = 2166136261U ^ flags, i, n = str_len(rt, pat)
    cdef uint8_t* b
    cdef uint16_t* u
    if sptr(rt, pat).h.flags & HF_ONEBYTE:
        b = str_bytes(rt, pat)
        for i in range(n):
            h = (h ^ b[i]) * 16777619U
    else:
        u = str_units(rt, pat)
        for i in range(n):
            h = (h ^ u[i]) * 16777619U
    return h ^ n


cdef bint same_source(Runtime* rt, uint32_t pat, RxHeader* h) noexcept:
    cdef uint32_t i, n = str_len(rt, pat)
    cdef const uint16_t* src = prog_src(h)
    cdef uint8_t* b
    if h.src_len != n:
        return 0
    if sptr(rt, pat).h.flags & HF_ONEBYTE:
        b = str_bytes(rt, pat)
        for i in range(n):
            if src[i] != b[i]:
                return 0
        return 1
    return memcmp(src, str_units(rt, pat), 2 * n) == 0


cdef object pattern_units(Runtime* rt, uint32_t pat):
    cdef uint32_t n = str_len(rt, pat)
    if sptr(rt, pat).h.flags & HF_ONEBYTE:
        return list((<char*>str_bytes(rt, pat))[:n])
    from array import array
    a = array("H")
    a.frombytes((<char*>str_units(rt, pat))[:2 * n])
    return a


cdef uint32_t compile_program(Runtime* rt, uint32_t pat, uint32_t flags) noexcept:
    """The program block for (pattern, flags): a new reference, or 0 with a SyntaxError
    (or out of memory) pending."""
    cdef uint32_t hsh = pattern_hash(rt, pat, flags)
    cdef CacheEntry* ce = &cache[hsh & (CACHE_SIZE - 1)]
    cdef uint8_t* data
    cdef uint32_t nbytes, blk
    cdef bytes compiled
    if not (ce.data != NULL and ce.hash == hsh and ce.flags == flags
            and same_source(rt, pat, <RxHeader*>ce.data)):
        try:
            compiled = _rc.compile_regex(pattern_units(rt, pat), flags)
        except _rc.RegexSyntaxError as exc:
            throw_error_str(rt, E_SYNTAX, str(exc))
            return 0
        except RecursionError:
            throw_error_str(rt, E_SYNTAX, "Invalid regular expression: nested too deeply")
            return 0
        except MemoryError:
            throw_oom(rt)
            return 0
        except BaseException as exc:
            throw_error_str(rt, E_ERROR, "regular expression compiler failed: %r" % (exc,))
            return 0
        nbytes = <uint32_t>len(compiled)
        if nbytes > CACHE_MAX_BYTES:          # a huge pattern: not worth keeping
            return program_block(rt, <const uint8_t*><char*>compiled, nbytes)
        data = <uint8_t*>malloc(nbytes)
        if data == NULL:
            throw_oom(rt)
            return 0
        memcpy(data, <char*>compiled, nbytes)
        if ce.data != NULL:
            free(ce.data)
        ce.data = data
        ce.hash = hsh
        ce.flags = flags
        ce.nbytes = nbytes
    return program_block(rt, ce.data, ce.nbytes)


cdef uint32_t program_block(Runtime* rt, const uint8_t* data, uint32_t nbytes) noexcept:
    """A BT_BYTES block holding a copy of the program (a new reference, or 0 + OOM)."""
    cdef uint32_t blk = heap_alloc(rt, 16 + nbytes, BT_BYTES)
    if blk == 0:
        throw_oom(rt)
        return 0
    hdr(rt, blk).aux = CLASS_REGEXP          # marks a BT_BYTES block as a regexp program
    memcpy(rt.base + blk + 16, data, nbytes)
    return blk


cdef int parse_flags(Runtime* rt, uint32_t fl, uint32_t* out) noexcept:
    cdef uint32_t i, n = str_len(rt, fl), bits = 0, b
    cdef uint16_t c
    cdef bytes text
    for i in range(n):
        c = (str_bytes(rt, fl)[i] if sptr(rt, fl).h.flags & HF_ONEBYTE else str_units(rt, fl)[i])
        if c == 103:
            b = RF_GLOBAL
        elif c == 105:
            b = RF_IGNORECASE
        elif c == 109:
            b = RF_MULTILINE
        elif c == 115:
            b = RF_DOTALL
        elif c == 117:
            b = RF_UNICODE
        elif c == 121:
            b = RF_STICKY
        elif c == 100:
            b = RF_HASINDICES
        elif c == 118:
            b = RF_UNICODESETS
        else:
            b = 0
        if b == 0 or bits & b:
            return throw_error_str(rt, E_SYNTAX, "Invalid flags supplied to RegExp constructor '%s'"
                                   % _py_text(rt, fl))
        bits |= b
    if bits & RF_UNICODESETS:
        return throw_error_str(rt, E_SYNTAX, "Invalid regular expression flags '%s': the v flag is not supported yet"
                               % _py_text(rt, fl))
    out[0] = bits
    return 0


cdef str _py_text(Runtime* rt, uint32_t s):
    cdef uint32_t n = str_len(rt, s), i
    if sptr(rt, s).h.flags & HF_ONEBYTE:
        return (<char*>str_bytes(rt, s))[:n].decode("latin-1")
    return "".join([chr(str_units(rt, s)[i]) for i in range(n)])


# --- RegExp objects ---------------------------------------------------------------------

cdef uint32_t CTOR_INDEX = 0
cdef uint32_t EXEC_INDEX = 0


cdef inline bint is_regexp_obj(Runtime* rt, JSVal v) noexcept:
    return is_object(v) and optr(rt, ref_of(v)).h.aux == CLASS_REGEXP and optr(rt, ref_of(v)).internal != 0


cdef int regexp_initialize(Runtime* rt, uint32_t obj, JSVal pattern, JSVal flags) noexcept:
    """RegExpInitialize: compile ToString(pattern) with ToString(flags) into obj."""
    cdef uint32_t p, f, bits = 0, prog, old
    if pattern == UNDEFINED:
        p = rt.atoms[A_EMPTY]
        incref_off(rt, p)
    else:
        p = to_string(rt, pattern)
        if p == 0:
            return -1
    if flags == UNDEFINED:
        f = rt.atoms[A_EMPTY]
        incref_off(rt, f)
    else:
        f = to_string(rt, flags)
        if f == 0:
            decref_off(rt, p)
            return -1
    if parse_flags(rt, f, &bits) < 0:
        decref_off(rt, p)
        decref_off(rt, f)
        return -1
    decref_off(rt, f)
    prog = compile_program(rt, p, bits)
    decref_off(rt, p)
    if prog == 0:
        return -1
    old = optr(rt, obj).internal
    optr(rt, obj).internal = prog
    if old:
        decref_off(rt, old)
    return 0


cdef uint32_t regexp_alloc(Runtime* rt) noexcept:
    """A RegExp object without a program yet (internal = 0), lastIndex = 0."""
    cdef uint32_t proto = rt.regexp_proto if rt.regexp_proto else rt.object_proto
    cdef uint32_t o = obj_alloc(rt, proto, CLASS_REGEXP, sizeof(JSObject))
    if o == 0:
        throw_oom(rt)
        return 0
    if prop_add(rt, o, rt.atoms[A_lastIndex], PF_WRITABLE, mk_number(0.0)) < 0:
        decref_off(rt, o)
        throw_oom(rt)
        return 0
    return o


cdef uint32_t source_string(Runtime* rt, uint32_t prog, bint escaped) noexcept:
    cdef RxHeader* h = prog_header(rt, prog)
    if escaped:
        return str_new_units(rt, prog_esc(h), h.esc_len)
    return str_new_units(rt, prog_src(h), h.src_len)


cdef JSVal flags_string(Runtime* rt, uint32_t bits) noexcept:
    cdef char buf[10]
    cdef int n = 0
    if bits & RF_HASINDICES:
        buf[n] = b'd'; n += 1
    if bits & RF_GLOBAL:
        buf[n] = b'g'; n += 1
    if bits & RF_IGNORECASE:
        buf[n] = b'i'; n += 1
    if bits & RF_MULTILINE:
        buf[n] = b'm'; n += 1
    if bits & RF_DOTALL:
        buf[n] = b's'; n += 1
    if bits & RF_UNICODE:
        buf[n] = b'u'; n += 1
    if bits & RF_STICKY:
        buf[n] = b'y'; n += 1
    buf[n] = 0
    cdef uint32_t s = str_from_ascii(rt, buf)
    return mk_string(s) if s else UNDEFINED


cdef bint is_regexp_ctor(Runtime* rt, JSVal v) noexcept:
    return is_object(v) and optr(rt, ref_of(v)).h.aux == CLASS_NATIVE and optr(rt, ref_of(v)).internal == CTOR_INDEX


cdef int regexp_ctor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """RegExp(pattern, flags) called or constructed (ES2015+ 21.2.3.1, without new.target)."""
    cdef JSVal pattern = argv[0] if argc > 0 else UNDEFINED
    cdef JSVal fl = argv[1] if argc > 1 else UNDEFINED
    cdef JSVal c, p_owned = UNDEFINED, f_owned = UNDEFINED
    cdef uint32_t o, prog, s
    cdef int r
    cdef bint pattern_is_regexp = is_regexp_obj(rt, pattern)
    if not (flags & CALL_CONSTRUCT) and pattern_is_regexp and fl == UNDEFINED:
        if get_value(rt, pattern, rt.atoms[A_constructor], &c) < 0:
            return -1
        r = is_regexp_ctor(rt, c)
        decref(rt, c)
        if r:
            ret[0] = dup(rt, pattern)
            return 0
    if pattern_is_regexp:
        prog = optr(rt, ref_of(pattern)).internal
        s = source_string(rt, prog, 0)
        if s == 0:
            return throw_oom(rt)
        p_owned = mk_string(s)
        if fl == UNDEFINED:
            f_owned = flags_string(rt, prog_header(rt, prog).flags)
            if f_owned == UNDEFINED:
                decref(rt, p_owned)
                return throw_oom(rt)
            fl = f_owned
        pattern = p_owned
    o = regexp_alloc(rt)
    r = -1
    if o:
        r = regexp_initialize(rt, o, pattern, fl)
        if r < 0:
            decref_off(rt, o)
        else:
            ret[0] = mk_object(o)
    decref(rt, p_owned)
    decref(rt, f_owned)
    return r


# --- exec ------------------------------------------------------------------------------------

cdef double MAX_SAFE = 9007199254740991.0


cdef int get_last_index(Runtime* rt, uint32_t obj, double* out) noexcept:
    """ToLength(Get(obj, "lastIndex"))."""
    cdef JSVal v
    cdef double d
    cdef int r
    if get_prop(rt, obj, rt.atoms[A_lastIndex], mk_object(obj), &v) < 0:
        return -1
    if is_number(v):
        d = num_of(v)
    else:
        r = to_number(rt, v, &d)
        decref(rt, v)
        if r < 0:
            return -1
    d = to_integer(d)
    out[0] = 0.0 if d <= 0 or isnan(d) else (d if d < MAX_SAFE else MAX_SAFE)
    return 0


cdef inline int set_last_index(Runtime* rt, uint32_t obj, double v) noexcept:
    return put_prop(rt, obj, rt.atoms[A_lastIndex], mk_number(v), mk_object(obj), 1)


cdef int regexp_builtin_exec(Runtime* rt, uint32_t obj, uint32_t s, bint want_array, JSVal* ret) noexcept:
    """RegExpBuiltinExec(R, S): ret = the match array (or true when not want_array) or null."""
    cdef double last_index
    cdef uint32_t prog, bits, ncaps, arr, k, key, sub
    cdef int32_t caps_local[32]
    cdef int32_t* caps
    cdef int r
    cdef JSVal* items
    cdef JSVal groups
    cdef bint gy
    if get_last_index(rt, obj, &last_index) < 0:
        return -1
    prog = optr(rt, obj).internal
    bits = prog_header(rt, prog).flags
    gy = (bits & (RF_GLOBAL | RF_STICKY)) != 0
    if not gy:
        last_index = 0
    if last_index > str_len(rt, s):
        if gy and set_last_index(rt, obj, 0) < 0:
            return -1
        ret[0] = JSNULL
        return 0
    ncaps = prog_header(rt, prog).ncaps
    if ncaps <= 16:
        caps = &caps_local[0]
    else:
        caps = <int32_t*>malloc(8 * ncaps)
    if caps == NULL:
        return throw_oom(rt)
    incref_off(rt, prog)
    r = match_program(rt, prog, s, <int32_t>last_index, (bits & RF_STICKY) != 0, caps)
    decref_off(rt, prog)
    if r <= 0:
        if caps != &caps_local[0]:
            free(caps)
        if r < 0:
            return -1
        if gy and set_last_index(rt, obj, 0) < 0:
            return -1
        ret[0] = JSNULL
        return 0
    if gy and set_last_index(rt, obj, caps[1]) < 0:
        if caps != &caps_local[0]:
            free(caps)
        return -1
    if not want_array:
        if caps != &caps_local[0]:
            free(caps)
        ret[0] = JSTRUE
        return 0
    r = -1
    arr = arr_new(rt, ncaps)
    if arr:
        items = elems_items(rt, optr(rt, arr).elems)
        r = 0
        for k in range(ncaps):
            if caps[2 * k] < 0 or caps[2 * k + 1] < 0:
                items[k] = UNDEFINED
            else:
                sub = str_substring(rt, s, <uint32_t>caps[2 * k], <uint32_t>caps[2 * k + 1])
                if sub == 0:
                    items[k] = UNDEFINED
                    r = -1
                else:
                    items[k] = mk_string(sub)
        if r == 0:
            groups = UNDEFINED
            if prog_header(rt, prog).names_len:
                groups = groups_object(rt, prog, items)
                if groups == UNDEFINED:
                    r = -1
            key = intern_ascii(rt, "groups")
            if (r < 0 or key == 0
                    or prop_add(rt, arr, rt.atoms[A_index], PF_DEFAULT, mk_number(<double>caps[0])) < 0
                    or prop_add(rt, arr, rt.atoms[A_input], PF_DEFAULT, mk_string(s)) < 0
                    or prop_add(rt, arr, key, PF_DEFAULT, groups) < 0):
                r = -1
            if key:
                decref_off(rt, key)
            decref(rt, groups)
        if r < 0:
            decref_off(rt, arr)
    if caps != &caps_local[0]:
        free(caps)
    if r < 0:
        return throw_oom(rt)
    ret[0] = mk_object(arr)
    return 0


cdef JSVal groups_object(Runtime* rt, uint32_t prog, JSVal* items) noexcept:
    """The `groups` object of a match: null prototype, a property per named group
    (undefined when unmatched), in group order.  UNDEFINED when out of memory."""
    cdef RxHeader* h = prog_header(rt, prog)
    cdef const uint16_t* names = <const uint16_t*>((<uint8_t*>h) + h.names_at)
    cdef uint32_t i = 0, k = 1, n, key
    cdef uint32_t o = obj_alloc(rt, 0, CLASS_OBJECT, sizeof(JSObject))
    if o == 0:
        return UNDEFINED
    while i < h.names_len:
        n = names[i]
        if n:
            key = str_new_units(rt, names + i + 1, n)
            if key:
                key = str_intern(rt, key)
            if key == 0 or prop_set_own(rt, o, key, PF_DEFAULT, items[k]) < 0:
                if key:
                    decref_off(rt, key)
                decref_off(rt, o)
                return UNDEFINED
            decref_off(rt, key)
        i += 1 + n
        k += 1
    return mk_object(o)


cdef int this_regexp(Runtime* rt, JSVal this, const char* method) noexcept:
    if is_regexp_obj(rt, this):
        return 0
    return throw_error_str(rt, E_TYPE, "RegExp.prototype.%s requires that 'this' be a RegExp object"
                           % (<bytes>method).decode())


cdef int regexp_exec(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    if this_regexp(rt, this, "exec") < 0:
        return -1
    cdef uint32_t s = to_string(rt, argv[0] if argc > 0 else UNDEFINED)
    if s == 0:
        return -1
    cdef int r = regexp_builtin_exec(rt, ref_of(this), s, 1, ret)
    decref_off(rt, s)
    return r


cdef int regexp_exec_abstract(Runtime* rt, JSVal rx, uint32_t s, bint want_array, JSVal* ret) noexcept:
    """RegExpExec(R, S): R.exec if callable (the built-in one runs directly), else the
    built-in exec (R must be a RegExp)."""
    cdef JSVal f, r
    cdef JSVal sv = mk_string(s)
    cdef uint32_t key = intern_ascii(rt, "exec")
    if key == 0:
        return throw_oom(rt)
    cdef int rc = get_value(rt, rx, key, &f)
    decref_off(rt, key)
    if rc < 0:
        return -1
    if is_object(f) and optr(rt, ref_of(f)).h.aux == CLASS_NATIVE and optr(rt, ref_of(f)).internal == EXEC_INDEX \
            and is_regexp_obj(rt, rx):
        decref(rt, f)
        return regexp_builtin_exec(rt, ref_of(rx), s, want_array, ret)
    if is_callable(rt, f):
        rc = vm_call(rt, f, rx, 1, &sv, &r)
        decref(rt, f)
        if rc < 0:
            return -1
        if not is_object(r) and r != JSNULL:
            decref(rt, r)
            return throw_error(rt, E_TYPE, "RegExp exec method returned something other than an Object or null")
        ret[0] = r
        return 0
    decref(rt, f)
    if not is_regexp_obj(rt, rx):
        return throw_error(rt, E_TYPE, "RegExp.prototype.exec called on an incompatible receiver")
    return regexp_builtin_exec(rt, ref_of(rx), s, want_array, ret)


cdef int regexp_test(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal r
    if not is_object(this):
        return throw_error(rt, E_TYPE, "RegExp.prototype.test called on a non-object")
    cdef uint32_t s = to_string(rt, argv[0] if argc > 0 else UNDEFINED)
    if s == 0:
        return -1
    cdef int rc = regexp_exec_abstract(rt, this, s, 0, &r)
    decref_off(rt, s)
    if rc < 0:
        return -1
    ret[0] = mk_bool(r != JSNULL)
    decref(rt, r)
    return 0


cdef int get_string_prop(Runtime* rt, JSVal o, const char* name, uint32_t* out) noexcept:
    cdef JSVal v
    cdef uint32_t key = intern_ascii(rt, name)
    if key == 0:
        return throw_oom(rt)
    cdef int r = get_value(rt, o, key, &v)
    decref_off(rt, key)
    if r < 0:
        return -1
    out[0] = to_string(rt, v)
    decref(rt, v)
    return 0 if out[0] else -1


cdef int regexp_to_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """"/" + ToString(this.source) + "/" + ToString(this.flags)."""
    cdef uint32_t src, fl, n1, n2, i, out
    cdef uint16_t* buf
    if not is_object(this):
        return throw_error(rt, E_TYPE, "RegExp.prototype.toString called on a non-object")
    if get_string_prop(rt, this, "source", &src) < 0:
        return -1
    if get_string_prop(rt, this, "flags", &fl) < 0:
        decref_off(rt, src)
        return -1
    n1 = str_len(rt, src)
    n2 = str_len(rt, fl)
    buf = <uint16_t*>malloc(2 * (n1 + n2 + 2) + 2)
    if buf == NULL:
        decref_off(rt, src)
        decref_off(rt, fl)
        return throw_oom(rt)
    buf[0] = 47
    for i in range(n1):
        buf[1 + i] = str_bytes(rt, src)[i] if sptr(rt, src).h.flags & HF_ONEBYTE else str_units(rt, src)[i]
    buf[1 + n1] = 47
    for i in range(n2):
        buf[2 + n1 + i] = str_bytes(rt, fl)[i] if sptr(rt, fl).h.flags & HF_ONEBYTE else str_units(rt, fl)[i]
    out = str_new_units(rt, buf, n1 + n2 + 2)
    free(buf)
    decref_off(rt, src)
    decref_off(rt, fl)
    if out == 0:
        return throw_oom(rt)
    ret[0] = mk_string(out)
    return 0


cdef int regexp_flag_getter(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """get global / ignoreCase / multiline / dotAll / unicode / sticky / hasIndices (magic = the RF_ bit)."""
    if is_regexp_obj(rt, this):
        ret[0] = mk_bool((prog_header(rt, optr(rt, ref_of(this)).internal).flags & <uint32_t>magic) != 0)
        return 0
    if is_object(this) and ref_of(this) == rt.regexp_proto:
        ret[0] = UNDEFINED
        return 0
    return throw_error(rt, E_TYPE, "RegExp.prototype flag getter called on an incompatible receiver")


cdef int regexp_source_getter(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s
    if is_regexp_obj(rt, this):
        s = source_string(rt, optr(rt, ref_of(this)).internal, 1)
        if s == 0:
            return throw_oom(rt)
        ret[0] = mk_string(s)
        return 0
    if is_object(this) and ref_of(this) == rt.regexp_proto:
        s = str_from_ascii(rt, "(?:)")
        if s == 0:
            return throw_oom(rt)
        ret[0] = mk_string(s)
        return 0
    return throw_error(rt, E_TYPE, "RegExp.prototype.source getter called on an incompatible receiver")


cdef const char* FLAG_PROPS[8]
FLAG_PROPS[0] = "hasIndices"
FLAG_PROPS[1] = "global"
FLAG_PROPS[2] = "ignoreCase"
FLAG_PROPS[3] = "multiline"
FLAG_PROPS[4] = "dotAll"
FLAG_PROPS[5] = "unicode"
FLAG_PROPS[6] = "unicodeSets"
FLAG_PROPS[7] = "sticky"
cdef const char* FLAG_LETTERS = "dgimsuvy"


cdef int regexp_flags_getter(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """get RegExp.prototype.flags: the letters of the truthy flag properties, in order."""
    cdef char buf[10]
    cdef int n = 0, i, r
    cdef JSVal v
    cdef uint32_t key, s
    if not is_object(this):
        return throw_error(rt, E_TYPE, "RegExp.prototype.flags getter called on a non-object")
    for i in range(8):
        key = intern_ascii(rt, FLAG_PROPS[i])
        if key == 0:
            return throw_oom(rt)
        r = get_value(rt, this, key, &v)
        decref_off(rt, key)
        if r < 0:
            return -1
        if to_boolean(rt, v):
            buf[n] = FLAG_LETTERS[i]
            n += 1
        decref(rt, v)
    buf[n] = 0
    s = str_from_ascii(rt, buf)
    if s == 0:
        return throw_oom(rt)
    ret[0] = mk_string(s)
    return 0


cdef int regexp_compile(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """Annex B RegExp.prototype.compile(pattern, flags): re-initialise this RegExp."""
    cdef JSVal pattern = argv[0] if argc > 0 else UNDEFINED
    cdef JSVal fl = argv[1] if argc > 1 else UNDEFINED
    cdef JSVal p_owned = UNDEFINED, f_owned = UNDEFINED
    cdef uint32_t prog, s
    cdef int r
    if this_regexp(rt, this, "compile") < 0:
        return -1
    if is_regexp_obj(rt, pattern):
        if fl != UNDEFINED:
            return throw_error(rt, E_TYPE, "Cannot supply flags when constructing one RegExp from another")
        prog = optr(rt, ref_of(pattern)).internal
        s = source_string(rt, prog, 0)
        if s == 0:
            return throw_oom(rt)
        p_owned = mk_string(s)
        f_owned = flags_string(rt, prog_header(rt, prog).flags)
        pattern = p_owned
        fl = f_owned
    r = regexp_initialize(rt, ref_of(this), pattern, fl)
    decref(rt, p_owned)
    decref(rt, f_owned)
    if r < 0 or set_last_index(rt, ref_of(this), 0) < 0:
        return -1
    ret[0] = dup(rt, this)
    return 0


# --- Python side: programs of RegExp objects (for views and tests) ---------------------------

cdef uint32_t _program_of(Engine engine, handle) except? 0:
    cdef Runtime* rt = engine.rt
    if rt == NULL:
        raise ValueError("engine is closed")
    if not isinstance(handle, ObjectHandle):
        raise TypeError("a RegExp object handle is needed")
    cdef uint32_t off = (<ObjectHandle>handle).off
    if off == 0 or optr(rt, off).h.aux != CLASS_REGEXP or optr(rt, off).internal == 0:
        raise TypeError("not a RegExp object")
    return optr(rt, off).internal


def regex_program(Engine engine, handle=None, uint32_t block=0):
    """(block offset, program bytes) of a RegExp object (a handle), or of the program
    block at `block`: the BT_BYTES block (header aux = RegExp class) a RegExp's
    `internal` points to, without its 16-byte block header."""
    cdef Runtime* rt = engine.rt
    cdef uint32_t prog
    if handle is not None:
        prog = _program_of(engine, handle)
    else:
        if rt == NULL:
            raise ValueError("engine is closed")
        prog = block
        if (prog < rt.rom_start or prog >= rt.top or hdr(rt, prog).type != BT_BYTES
                or hdr(rt, prog).aux != CLASS_REGEXP or prog_header(rt, prog).magic != RX_MAGIC):
            raise ValueError("no regexp program at offset %d" % prog)
    cdef uint32_t size = hdr(rt, prog).size
    return prog, bytes((<char*>(rt.base + prog + 16))[:size - 16])


def regex_disassemble(Engine engine, handle=None, text=False, uint32_t block=0):
    """The regex bytecode of a RegExp object (or of the program block at `block`):
    a dict with the header, the instructions (RegexInstruction records), the group
    names and the source texts, or, with text=True, a printable listing."""
    prog, data = regex_program(engine, handle, block)
    if text:
        return format_program(data)
    d = disassemble_program(data)
    d["block"] = prog
    return d


def clear_cache():
    """Forget the compiled programs (tests)."""
    cdef int i
    for i in range(CACHE_SIZE):
        if cache[i].data != NULL:
            free(cache[i].data)
            cache[i].data = NULL


CTOR_INDEX = native_register(regexp_ctor, "RegExp", 2, 2, 0)
EXEC_INDEX = native_register(regexp_exec, "exec", 1, 1, 0)

DEFS = [
    ("object", "RegExp.prototype", "Object.prototype", CLASS_OBJECT),
    ("ctor", "RegExp", CTOR_INDEX),
    ("method", "RegExp.prototype", "exec", EXEC_INDEX),
    ("method", "RegExp.prototype", "test", native_register(regexp_test, "test", 1, 1, 0)),
    ("method", "RegExp.prototype", "toString", native_register(regexp_to_string, "toString", 0, 0, 0)),
    ("method", "RegExp.prototype", "compile", native_register(regexp_compile, "compile", 2, 2, 0)),
    ("getter", "RegExp.prototype", "dotAll", native_register(regexp_flag_getter, "get dotAll", 0, 0, RF_DOTALL)),
    ("getter", "RegExp.prototype", "flags", native_register(regexp_flags_getter, "get flags", 0, 0, 0)),
    ("getter", "RegExp.prototype", "global", native_register(regexp_flag_getter, "get global", 0, 0, RF_GLOBAL)),
    ("getter", "RegExp.prototype", "hasIndices", native_register(regexp_flag_getter, "get hasIndices", 0, 0, RF_HASINDICES)),
    ("getter", "RegExp.prototype", "ignoreCase", native_register(regexp_flag_getter, "get ignoreCase", 0, 0, RF_IGNORECASE)),
    ("getter", "RegExp.prototype", "multiline", native_register(regexp_flag_getter, "get multiline", 0, 0, RF_MULTILINE)),
    ("getter", "RegExp.prototype", "source", native_register(regexp_source_getter, "get source", 0, 0, 0)),
    ("getter", "RegExp.prototype", "sticky", native_register(regexp_flag_getter, "get sticky", 0, 0, RF_STICKY)),
    ("getter", "RegExp.prototype", "unicode", native_register(regexp_flag_getter, "get unicode", 0, 0, RF_UNICODE)),
]
