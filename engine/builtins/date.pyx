# Date (ES5.1 15.9, with the current spec's constructor, setters, UTC() and
# string formats).  See docs/date.md.
#
# A Date object is a CLASS_DATE JSWrapper whose `value` is the time value: a
# number, milliseconds since 1970-01-01T00:00:00Z, integral and within
# +-8.64e15, or NaN (an invalid date).  All the calendar arithmetic of 15.9.1
# is done here in C on doubles, exactly as the spec writes it.
#
# Local time goes through the host's time zone database with libc:
# localtime_r() on the UTC instant gives the offset (tm_gmtoff, DST included)
# and the zone abbreviation (tm_zone).  LocalTime(t) adds the offset at the
# instant t; UTC(t) (local -> UTC) looks for the instants whose local time is
# t and picks the earliest one, or for a local time skipped by a transition
# the offset from before the transition (the current spec's disambiguation).
#
# Date.parse accepts the ISO format of 15.9.1.15 (extended years, the
# optional parts, date-only = UTC, date-time without offset = local time),
# and a V8-like fallback for the usual human formats, which includes the
# outputs of toString, toUTCString and toLocaleString.

from libc.stdint cimport uint32_t, uint16_t, uint8_t
from libc.stdio cimport snprintf
from libc.stdlib cimport malloc, free
from libc.math cimport isnan, isinf, floor, fmod, trunc, fabs, NAN

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport decref, decref_off
from glassjs.engine.core.strings cimport str_new_onebyte, str_len, str_at, is_js_whitespace
from glassjs.engine.core.objects cimport optr, obj_alloc, is_callable, throw_error, throw_oom
from glassjs.engine.core.ops cimport to_number, to_string, to_primitive, to_object, get_value, HINT_DEFAULT, HINT_NUMBER
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.core.vm cimport CALL_CONSTRUCT


cdef extern from "<time.h>" nogil:
    ctypedef long gj_time_t "time_t"
    ctypedef struct gj_tm "struct tm":
        int tm_sec
        int tm_min
        int tm_hour
        int tm_mday
        int tm_mon
        int tm_year
        int tm_wday
        int tm_yday
        int tm_isdst
        long tm_gmtoff
        const char* tm_zone
    ctypedef struct gj_timespec "struct timespec":
        gj_time_t tv_sec
        long tv_nsec
    gj_tm* gj_localtime_r "localtime_r"(const gj_time_t* t, gj_tm* out)
    void gj_tzset "tzset"()
    int gj_clock_gettime "clock_gettime"(int clock, gj_timespec* ts)
    int GJ_CLOCK_REALTIME "CLOCK_REALTIME"


cdef double MS_SECOND = 1000.0
cdef double MS_MINUTE = 60000.0
cdef double MS_HOUR = 3600000.0
cdef double MS_DAY = 86400000.0
cdef double MAX_TIME = 8.64e15
# LocalTime/UTC of anything further out is clipped to NaN anyway (offsets are < 1 day)
cdef double TZ_LIMIT = 8.64e15 + 3 * 86400000.0

cdef extern from *:
    """
    static const int gj_cumdays[13] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    static const char* const gj_day_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const gj_month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char* const gj_month_words[12] = {"january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december"};
    static const char* const gj_day_words[7] = {"sunday", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday"};
    static const char* const gj_zone_words[8] = {"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"};
    static const int gj_zone_hours[8] = {-5, -4, -6, -5, -7, -6, -8, -7};
    """
    const int* CUMDAYS "gj_cumdays"
    const char* const* DAY_NAMES "gj_day_names"
    const char* const* MONTH_NAMES "gj_month_names"
    const char* const* MONTH_WORDS "gj_month_words"
    const char* const* DAY_WORDS "gj_day_words"
    const char* const* ZONE_WORDS "gj_zone_words"
    const int* ZONE_HOURS "gj_zone_hours"

gj_tzset()


# --- 15.9.1: time values and the calendar --------------------------------------------

cdef inline bint finite(double d) noexcept nogil:
    return not (isnan(d) or isinf(d))


cdef inline double pmod(double a, double b) noexcept nogil:
    """a modulo b with the sign of b (the spec's 'modulo'); +0, never -0."""
    cdef double r = fmod(a, b)
    if r < 0:
        r += b
    return r + 0.0


cdef inline double day_of(double t) noexcept nogil:
    return floor(t / MS_DAY)


cdef inline double time_within_day(double t) noexcept nogil:
    return pmod(t, MS_DAY)


cdef inline double day_from_year(double y) noexcept nogil:
    return (365.0 * (y - 1970) + floor((y - 1969) / 4.0) - floor((y - 1901) / 100.0)
            + floor((y - 1601) / 400.0))


cdef inline bint is_leap(double y) noexcept nogil:
    return fmod(y, 4.0) == 0 and (fmod(y, 100.0) != 0 or fmod(y, 400.0) == 0)


cdef double year_from_day(double d) noexcept nogil:
    """YearFromTime for the day number d (estimate, then correct)."""
    cdef double y = floor(d / 365.2425) + 1970
    while day_from_year(y) > d:
        y -= 1
    while day_from_year(y + 1) <= d:
        y += 1
    return y


cdef double year_from_time(double t) noexcept nogil:
    return year_from_day(day_of(t))


cdef struct Fields:
    double year
    double month          # 0..11
    double date           # 1..31
    double wday           # 0 = Sunday
    double hour
    double minute
    double second
    double ms


cdef void split_time(double t, Fields* f) noexcept nogil:
    """All the *FromTime values of a finite time value."""
    cdef double d = day_of(t)
    cdef double y = year_from_day(d)
    cdef int dwy = <int>(d - day_from_year(y))
    cdef int leap = 1 if is_leap(y) else 0
    cdef int m = 0
    cdef double tod = t - d * MS_DAY
    while m < 11 and dwy >= CUMDAYS[m + 1] + (leap if m + 1 >= 2 else 0):
        m += 1
    f.year = y
    f.month = m
    f.date = dwy - CUMDAYS[m] - (leap if m >= 2 else 0) + 1
    f.wday = pmod(d + 4, 7.0)
    f.hour = floor(tod / MS_HOUR)
    f.minute = pmod(floor(tod / MS_MINUTE), 60.0)
    f.second = pmod(floor(tod / MS_SECOND), 60.0)
    f.ms = pmod(tod, MS_SECOND)


cdef double make_time(double hour, double minute, double sec, double ms) noexcept nogil:
    """MakeTime: the arithmetic in IEEE doubles, in the spec's order."""
    if not (finite(hour) and finite(minute) and finite(sec) and finite(ms)):
        return NAN
    return ((trunc(hour) * MS_HOUR + trunc(minute) * MS_MINUTE) + trunc(sec) * MS_SECOND) + trunc(ms)


cdef double make_day(double year, double month, double date) noexcept nogil:
    cdef double y, m, dt, ym, mn, day
    cdef int mi
    if not (finite(year) and finite(month) and finite(date)):
        return NAN
    y = trunc(year)
    m = trunc(month)
    dt = trunc(date)
    ym = y + floor(m / 12.0)
    if not finite(ym):
        return NAN
    mn = pmod(m, 12.0)
    mi = <int>mn
    day = day_from_year(ym) + CUMDAYS[mi] + (1 if mi >= 2 and is_leap(ym) else 0)
    if not finite(day):
        return NAN
    return day + dt - 1


cdef double make_date(double day, double time) noexcept nogil:
    cdef double tv
    if not (finite(day) and finite(time)):
        return NAN
    tv = day * MS_DAY + time
    if not finite(tv):
        return NAN
    return tv


cdef double time_clip(double t) noexcept nogil:
    if not finite(t) or fabs(t) > MAX_TIME:
        return NAN
    return trunc(t) + 0.0


cdef double make_full_year(double y) noexcept nogil:
    """MakeFullYear: 0..99 mean 1900..1999."""
    cdef double ty
    if isnan(y):
        return NAN
    ty = trunc(y)
    if ty >= 0 and ty <= 99:
        return 1900 + ty
    return y


# --- the host time zone -----------------------------------------------------------------

cdef double offset_at(double u, const char** zone) noexcept nogil:
    """The local time zone offset (ms, DST included) at the UTC instant u, and
    the zone's abbreviation then."""
    cdef gj_tm tmv
    cdef gj_time_t secs
    if zone != NULL:
        zone[0] = NULL
    if not finite(u) or fabs(u) > TZ_LIMIT:
        return 0
    secs = <gj_time_t>floor(u / MS_SECOND)
    if gj_localtime_r(&secs, &tmv) == NULL:
        return 0
    if zone != NULL:
        zone[0] = tmv.tm_zone
    return <double>tmv.tm_gmtoff * MS_SECOND


cdef inline double local_time(double t) noexcept nogil:
    """LocalTime(t) for a finite t."""
    return t + offset_at(t, NULL)


cdef double utc_time(double t) noexcept nogil:
    """UTC(t): local time -> time value.  Among the instants u with
    LocalTime(u) = t the earliest; for a local time that a transition skipped,
    the offset from before the transition."""
    cdef double cand[4]
    cdef int n = 0, i, j
    cdef double o, best_u = NAN, lowest
    if not finite(t):
        return NAN
    if fabs(t) > TZ_LIMIT:
        return t
    # an instant whose local time is t lies within 1 day of t: with at most one
    # transition in [t - 1 day, t + 1 day] the offsets there are these two
    cand[0] = offset_at(t - MS_DAY, NULL)
    cand[1] = offset_at(t + MS_DAY, NULL)
    cand[2] = offset_at(t - cand[0], NULL)
    if cand[0] == cand[1] and cand[2] == cand[0]:
        return t - cand[0]          # no transition nearby (the usual case)
    cand[3] = offset_at(t - cand[1], NULL)
    n = 4
    lowest = cand[0]
    for i in range(n):
        o = cand[i]
        if o < lowest:
            lowest = o
        for j in range(i):
            if cand[j] == o:
                break
        else:
            if offset_at(t - o, NULL) == o and (isnan(best_u) or t - o < best_u):
                best_u = t - o
    if not isnan(best_u):
        return best_u
    # a gap (the offset grew): the offset before the transition, the smaller one
    return t - lowest


cdef double now_ms() noexcept nogil:
    cdef gj_timespec ts
    gj_clock_gettime(GJ_CLOCK_REALTIME, &ts)
    return <double>ts.tv_sec * 1000.0 + floor(<double>ts.tv_nsec / 1000000.0)


# --- helpers ---------------------------------------------------------------------------

cdef inline JSVal arg(int argc, JSVal* argv, int i) noexcept:
    return argv[i] if argc > i else UNDEFINED


cdef int ret_ascii(Runtime* rt, const char* text, int n, JSVal* ret) noexcept:
    cdef uint32_t s
    if n < 0:
        n = 0
    s = str_new_onebyte(rt, <const uint8_t*>text, <uint32_t>n)
    if s == 0:
        return throw_oom(rt)
    ret[0] = mk_string(s)
    return 0


cdef inline bint is_date(Runtime* rt, JSVal v) noexcept:
    return is_object(v) and optr(rt, ref_of(v)).h.aux == CLASS_DATE


cdef int this_time(Runtime* rt, JSVal this, double* out) noexcept:
    """thisTimeValue: the time value of a Date `this`, else TypeError."""
    if is_date(rt, this):
        out[0] = num_of((<JSWrapper*>optr(rt, ref_of(this))).value)
        return 0
    return throw_error(rt, E_TYPE, "this is not a Date object.")


cdef inline void set_this_time(Runtime* rt, JSVal this, double t) noexcept:
    (<JSWrapper*>optr(rt, ref_of(this))).value = mk_number(t)


cdef int ret_number(double d, JSVal* ret) noexcept:
    if isnan(d):
        d = NAN           # one canonical NaN
    ret[0] = mk_number(d)
    return 0


cdef int arg_number(Runtime* rt, int argc, JSVal* argv, int i, double* out) noexcept:
    """ToNumber(argv[i]) (undefined when absent)."""
    cdef JSVal v = argv[i] if argc > i else UNDEFINED
    if is_number(v):
        out[0] = num_of(v)
        return 0
    return to_number(rt, v, out)


# --- formatting --------------------------------------------------------------------------

cdef int fmt_year(char* buf, int size, double y) noexcept:
    """DateString's year: a '-' and at least four digits."""
    if y < 0:
        return snprintf(buf, size, "-%04d", <int>(-y))
    return snprintf(buf, size, "%04d", <int>y)


cdef int fmt_offset(char* buf, int size, double off, const char* zone) noexcept:
    """TimeZoneString: 'GMT+hhmm (zone)'."""
    cdef char sign = 43 if off >= 0 else 45      # '+' / '-'
    cdef double a = fabs(off)
    cdef int hh = <int>floor(a / MS_HOUR)
    cdef int mm = <int>pmod(floor(a / MS_MINUTE), 60.0)
    cdef char name[64]
    cdef int i = 0
    if zone != NULL and zone[0] != 0:
        while zone[i] != 0 and i < 63:
            name[i] = zone[i] if 32 <= <unsigned char>zone[i] < 127 and zone[i] != b')' else b'?'
            i += 1
        name[i] = 0
        return snprintf(buf, size, "GMT%c%02d%02d (%s)", sign, hh, mm, name)
    return snprintf(buf, size, "GMT%c%02d%02d", sign, hh, mm)


cdef enum:
    FMT_STRING = 0        # toString
    FMT_DATE = 1          # toDateString
    FMT_TIME = 2          # toTimeString
    FMT_UTC = 3           # toUTCString / toGMTString
    FMT_ISO = 4           # toISOString
    FMT_LOCALE = 5        # toLocaleString
    FMT_LOCALE_DATE = 6
    FMT_LOCALE_TIME = 7


cdef int format_time(double tv, int kind, char* buf, int size) noexcept:
    """The text of a valid time value in one of the formats; its length."""
    cdef Fields f
    cdef const char* zone = NULL
    cdef double off = 0
    cdef char ybuf[16]
    cdef char zbuf[96]
    cdef int h12
    if kind == FMT_UTC or kind == FMT_ISO:
        split_time(tv, &f)
    else:
        off = offset_at(tv, &zone)
        split_time(tv + off, &f)
    if kind == FMT_ISO:
        if f.year >= 0 and f.year <= 9999:
            snprintf(ybuf, 16, "%04d", <int>f.year)
        else:
            snprintf(ybuf, 16, "%s%06d", "-" if f.year < 0 else "+", <int>fabs(f.year))
        return snprintf(buf, size, "%s-%02d-%02dT%02d:%02d:%02d.%03dZ", ybuf, <int>f.month + 1, <int>f.date,
                        <int>f.hour, <int>f.minute, <int>f.second, <int>f.ms)
    if kind == FMT_LOCALE or kind == FMT_LOCALE_DATE or kind == FMT_LOCALE_TIME:
        h12 = <int>f.hour % 12
        if h12 == 0:
            h12 = 12
        if kind == FMT_LOCALE_DATE:
            return snprintf(buf, size, "%d/%d/%d", <int>f.month + 1, <int>f.date, <int>f.year)
        if kind == FMT_LOCALE_TIME:
            return snprintf(buf, size, "%d:%02d:%02d %s", h12, <int>f.minute, <int>f.second,
                            "PM" if f.hour >= 12 else "AM")
        return snprintf(buf, size, "%d/%d/%d, %d:%02d:%02d %s", <int>f.month + 1, <int>f.date, <int>f.year,
                        h12, <int>f.minute, <int>f.second, "PM" if f.hour >= 12 else "AM")
    fmt_year(ybuf, 16, f.year)
    if kind == FMT_UTC:
        return snprintf(buf, size, "%s, %02d %s %s %02d:%02d:%02d GMT", DAY_NAMES[<int>f.wday], <int>f.date,
                        MONTH_NAMES[<int>f.month], ybuf, <int>f.hour, <int>f.minute, <int>f.second)
    if kind == FMT_DATE:
        return snprintf(buf, size, "%s %s %02d %s", DAY_NAMES[<int>f.wday], MONTH_NAMES[<int>f.month],
                        <int>f.date, ybuf)
    fmt_offset(zbuf, 96, off, zone)
    if kind == FMT_TIME:
        return snprintf(buf, size, "%02d:%02d:%02d %s", <int>f.hour, <int>f.minute, <int>f.second, zbuf)
    return snprintf(buf, size, "%s %s %02d %s %02d:%02d:%02d %s", DAY_NAMES[<int>f.wday],
                    MONTH_NAMES[<int>f.month], <int>f.date, ybuf, <int>f.hour, <int>f.minute, <int>f.second, zbuf)


cdef int ret_formatted(Runtime* rt, double tv, int kind, JSVal* ret) noexcept:
    cdef char buf[200]
    cdef int n
    if isnan(tv):
        if kind == FMT_ISO:
            return throw_error(rt, E_RANGE, "Invalid time value")
        return ret_ascii(rt, "Invalid Date", 12, ret)
    n = format_time(tv, kind, buf, 200)
    return ret_ascii(rt, buf, n if n < 199 else 199, ret)


# --- parsing -----------------------------------------------------------------------------

cdef inline bint is_digit(char c) noexcept nogil:
    return c >= b'0' and c <= b'9'


cdef inline bint is_alpha(char c) noexcept nogil:
    return (c >= b'a' and c <= b'z') or (c >= b'A' and c <= b'Z')


cdef bint fixed_digits(const char* b, int n, int* p, int count, int* value) noexcept nogil:
    """Exactly `count` digits at b[p]."""
    cdef int v = 0, i
    if p[0] + count > n:
        return 0
    for i in range(count):
        if not is_digit(b[p[0] + i]):
            return 0
        v = v * 10 + (b[p[0] + i] - 48)
    p[0] += count
    value[0] = v
    return 1


cdef int days_in_month(double y, int m) noexcept nogil:
    """m: 1..12."""
    if m == 2:
        return 29 if is_leap(y) else 28
    return CUMDAYS[m] - CUMDAYS[m - 1]


cdef int parse_iso(const char* b, int n, double* out) noexcept nogil:
    """The Date Time String Format: 1 = parsed (out = the time value or NaN for
    out-of-range fields), 0 = not in that format."""
    cdef int p = 0, year = 0, sign = 0, month = 1, day = 1
    cdef int h = 0, mi = 0, s = 0, ms = 0, nd = 0
    cdef int tzh = 0, tzm = 0, tzsign = 0
    cdef bint has_time = 0, has_tz = 0, bad = 0
    cdef double t
    if n == 0:
        return 0
    if b[0] == b'+' or b[0] == b'-':
        sign = -1 if b[0] == b'-' else 1
        p = 1
        if not fixed_digits(b, n, &p, 6, &year):
            return 0
        if sign < 0:
            if year == 0:
                bad = 1           # -000000
            year = -year
    elif not fixed_digits(b, n, &p, 4, &year):
        return 0
    if p < n and b[p] == b'-':
        p += 1
        if not fixed_digits(b, n, &p, 2, &month):
            return 0
        if p < n and b[p] == b'-':
            p += 1
            if not fixed_digits(b, n, &p, 2, &day):
                return 0
    if p < n and b[p] == b'T':
        p += 1
        has_time = 1
        if not fixed_digits(b, n, &p, 2, &h):
            return 0
        if p >= n or b[p] != b':':
            return 0
        p += 1
        if not fixed_digits(b, n, &p, 2, &mi):
            return 0
        if p < n and b[p] == b':':
            p += 1
            if not fixed_digits(b, n, &p, 2, &s):
                return 0
            if p < n and b[p] == b'.':
                p += 1
                if p >= n or not is_digit(b[p]):
                    return 0
                while p < n and is_digit(b[p]):
                    if nd < 3:
                        ms = ms * 10 + (b[p] - 48)
                    nd += 1
                    p += 1
                while nd < 3:
                    ms *= 10
                    nd += 1
        if p < n and b[p] == b'Z':
            p += 1
            has_tz = 1
        elif p < n and (b[p] == b'+' or b[p] == b'-'):
            tzsign = -1 if b[p] == b'-' else 1
            p += 1
            if not fixed_digits(b, n, &p, 2, &tzh):
                return 0
            if p >= n or b[p] != b':':
                return 0
            p += 1
            if not fixed_digits(b, n, &p, 2, &tzm):
                return 0
            has_tz = 1
    if p != n:
        return 0
    if (bad or month < 1 or month > 12 or day < 1 or day > days_in_month(year, month) or h > 24
            or mi > 59 or s > 59 or tzh > 23 or tzm > 59 or (h == 24 and (mi != 0 or s != 0 or ms != 0))):
        out[0] = NAN
        return 1
    t = make_date(make_day(year, month - 1, day), make_time(h, mi, s, ms))
    if has_tz:
        t -= tzsign * (tzh * MS_HOUR + tzm * MS_MINUTE)
    elif has_time:
        t = utc_time(t)         # date-time without an offset: local time
    out[0] = time_clip(t)
    return 1


cdef bint word_is(const char* w, int len, const char* name) noexcept nogil:
    """w (lowercased, `len` letters) is `name` or, for len >= 3, a prefix of it."""
    cdef int i = 0
    while i < len:
        if name[i] == 0 or name[i] != w[i]:
            return 0
        i += 1
    return len >= 3 or name[i] == 0


cdef int parse_offset(const char* b, int n, int* p, int sign, int* minutes) noexcept nogil:
    """An offset after a sign: hh, hhmm or hh:mm.  0 on failure."""
    cdef int v = 0, nd = 0, mm = 0
    while p[0] < n and is_digit(b[p[0]]) and nd < 5:
        v = v * 10 + (b[p[0]] - 48)
        nd += 1
        p[0] += 1
    if nd == 0 or nd == 5:
        return 0
    if nd <= 2:
        if p[0] < n and b[p[0]] == b':':
            p[0] += 1
            if not fixed_digits(b, n, p, 2, &mm):
                return 0
        v = v * 60 + mm
    else:
        v = (v // 100) * 60 + v % 100
    minutes[0] = sign * v
    return 1


cdef double parse_legacy(const char* b, int n) noexcept nogil:
    """The fallback: 'Tue Feb 01 2022 10:00:00 GMT+0100 (CET)',
    'Tue, 01 Feb 2022 09:00:00 GMT', '2/1/2022, 10:00:00 AM', 'Feb 1, 2022',
    '2022/02/01 10:00', ... (no zone: local time)."""
    cdef double nums[3]
    cdef int ndig[3]
    cdef int nnum = 0, month = -1, p = 0, q, len, i, nd
    cdef int h = -1, mi = 0, s = 0, ms = 0, ampm = -1, tz = 0, neg = 0
    cdef bint has_tz = 0, has_time = 0, prev_number = 0
    cdef double v, year, dday, t
    cdef char w[16]
    cdef char c
    while p < n:
        c = b[p]
        if c == b' ' or c == b',' or c == b'\t' or c == b'\n' or c == b'\r':
            p += 1
            prev_number = 0
            continue
        if c == b'(':
            q = 0
            while p < n:
                if b[p] == b'(':
                    q += 1
                elif b[p] == b')':
                    q -= 1
                    if q == 0:
                        p += 1
                        break
                p += 1
            prev_number = 0
            continue
        if is_digit(c):
            v = 0
            nd = 0
            while p < n and is_digit(b[p]):
                if nd < 9:
                    v = v * 10 + (b[p] - 48)
                nd += 1
                p += 1
            if nd > 9:
                return NAN
            if p < n and b[p] == b':' and not has_time:
                # a time: h:mm[:ss[.sss]]
                if neg or nd > 2:
                    return NAN
                h = <int>v
                p += 1
                if not fixed_digits(b, n, &p, 2, &mi):
                    return NAN
                if p < n and b[p] == b':':
                    p += 1
                    if not fixed_digits(b, n, &p, 2, &s):
                        return NAN
                    if p < n and b[p] == b'.':
                        p += 1
                        nd = 0
                        while p < n and is_digit(b[p]):
                            if nd < 3:
                                ms = ms * 10 + (b[p] - 48)
                            nd += 1
                            p += 1
                        if nd == 0:
                            return NAN
                        while nd < 3:
                            ms *= 10
                            nd += 1
                has_time = 1
                prev_number = 0
                continue
            if nnum == 3:
                return NAN
            nums[nnum] = -v if neg else v
            ndig[nnum] = nd + (4 if neg else 0)       # a signed year is a year
            nnum += 1
            neg = 0
            prev_number = 1
            continue
        if c == b'+' or c == b'-':
            if p + 1 < n and is_digit(b[p + 1]):
                if has_time or has_tz:
                    p += 1
                    if not parse_offset(b, n, &p, -1 if c == b'-' else 1, &i):
                        return NAN
                    tz = i
                    has_tz = 1
                    prev_number = 0
                    continue
                if c == b'-' and not prev_number:
                    neg = 1               # a negative year
                p += 1
                continue
            return NAN
        if c == b'/' or c == b'.':
            p += 1
            continue
        if is_alpha(c):
            len = 0
            while p < n and is_alpha(b[p]):
                if len < 15:
                    w[len] = b[p] | 0x20
                len += 1
                p += 1
            if len > 15:
                return NAN
            w[len] = 0
            prev_number = 0
            if len == 2 and w[0] == b'a' and w[1] == b'm':
                ampm = 0
                continue
            if len == 2 and w[0] == b'p' and w[1] == b'm':
                ampm = 1
                continue
            if ((len == 3 and w[0] == b'g' and w[1] == b'm' and w[2] == b't') or
                    (len == 3 and w[0] == b'u' and w[1] == b't' and w[2] == b'c') or
                    (len == 2 and w[0] == b'u' and w[1] == b't') or (len == 1 and w[0] == b'z')):
                has_tz = 1
                tz = 0
                continue
            if len == 1 and w[0] == b't':
                continue
            for i in range(12):
                if word_is(w, len, MONTH_WORDS[i]):
                    if month >= 0:
                        return NAN
                    month = i
                    break
            else:
                for i in range(7):
                    if word_is(w, len, DAY_WORDS[i]):
                        break
                else:
                    for i in range(8):
                        if len == 3 and word_is(w, len, ZONE_WORDS[i]):
                            has_tz = 1
                            tz = ZONE_HOURS[i] * 60
                            break
                    else:
                        return NAN
            continue
        return NAN
    # which number is which
    if month >= 0:
        if nnum != 2:
            return NAN
        if ndig[0] >= 3 or nums[0] > 31 or nums[0] < 0:
            year = nums[0]
            dday = nums[1]
            nd = ndig[0]
        else:
            dday = nums[0]
            year = nums[1]
            nd = ndig[1]
    else:
        if nnum != 3:
            return NAN
        if ndig[0] >= 3 or nums[0] > 31 or nums[0] < 0:
            year = nums[0]
            month = <int>nums[1] - 1
            dday = nums[2]
            nd = ndig[0]
        else:
            month = <int>nums[0] - 1
            dday = nums[1]
            year = nums[2]
            nd = ndig[2]
    if nd <= 2 and year >= 0:
        year += 2000 if year < 50 else 1900
    if month < 0 or month > 11 or dday < 1 or dday > 31:
        return NAN
    if h < 0:
        if ampm >= 0:
            return NAN
        h = 0
    if ampm >= 0:
        if h < 1 or h > 12:
            return NAN
        h = h % 12 + (12 if ampm == 1 else 0)
    if h > 24 or mi > 59 or s > 59 or (h == 24 and (mi or s or ms)):
        return NAN
    t = make_date(make_day(year, month, dday), make_time(h, mi, s, ms))
    if has_tz:
        t -= tz * MS_MINUTE
    else:
        t = utc_time(t)
    return time_clip(t)


cdef double parse_date(Runtime* rt, uint32_t s) noexcept:
    """Date.parse of a string block."""
    cdef uint32_t n = str_len(rt, s), i, a = 0, e
    cdef uint16_t u
    cdef char* b
    cdef char small[128]
    cdef double r
    while a < n and is_js_whitespace(str_at(rt, s, a)):
        a += 1
    e = n
    while e > a and is_js_whitespace(str_at(rt, s, e - 1)):
        e -= 1
    n = e - a
    if n > 4096:
        return NAN
    if n < 128:
        b = small
    else:
        b = <char*>malloc(n + 1)
    if b == NULL:
        return NAN
    for i in range(n):
        u = str_at(rt, s, a + i)
        if u >= 128:
            u = b' ' if is_js_whitespace(u) else 1      # 1: no token accepts it
        b[i] = <char>u
    b[n] = 0
    if parse_iso(b, <int>n, &r) == 0:
        r = parse_legacy(b, <int>n)
    if b != small:
        free(b)
    return r


# --- the constructor and its functions -----------------------------------------------------

cdef int date_ctor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double tv
    cdef double vals[7]
    cdef JSVal p
    cdef uint32_t o
    cdef int i
    if not (flags & CALL_CONSTRUCT):
        return ret_formatted(rt, now_ms(), FMT_STRING, ret)
    if argc == 0:
        tv = now_ms()
    elif argc == 1:
        if is_date(rt, argv[0]):
            tv = num_of((<JSWrapper*>optr(rt, ref_of(argv[0]))).value)
        else:
            if to_primitive(rt, argv[0], HINT_DEFAULT, &p) < 0:
                return -1
            if is_string(p):
                tv = parse_date(rt, ref_of(p))
                decref(rt, p)
            elif to_number(rt, p, &tv) < 0:
                decref(rt, p)
                return -1
            tv = time_clip(tv)
    else:
        vals[2] = 1
        vals[3] = vals[4] = vals[5] = vals[6] = 0
        for i in range(argc if argc < 7 else 7):
            if arg_number(rt, argc, argv, i, &vals[i]) < 0:
                return -1
        tv = make_date(make_day(make_full_year(vals[0]), vals[1], vals[2]),
                       make_time(vals[3], vals[4], vals[5], vals[6]))
        tv = time_clip(utc_time(tv))
    o = obj_alloc(rt, rt.date_proto, CLASS_DATE, sizeof(JSWrapper))
    if o == 0:
        return throw_oom(rt)
    if isnan(tv):
        tv = NAN
    (<JSWrapper*>optr(rt, o)).value = mk_number(tv)
    ret[0] = mk_object(o)
    return 0


cdef int date_utc(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double vals[7]
    cdef int i
    vals[0] = NAN
    vals[1] = 0
    vals[2] = 1
    vals[3] = vals[4] = vals[5] = vals[6] = 0
    for i in range(argc if argc < 7 else 7):
        if arg_number(rt, argc, argv, i, &vals[i]) < 0:
            return -1
    return ret_number(time_clip(make_date(make_day(make_full_year(vals[0]), vals[1], vals[2]),
                                          make_time(vals[3], vals[4], vals[5], vals[6]))), ret)


cdef int date_parse(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = to_string(rt, arg(argc, argv, 0))
    cdef double r
    if s == 0:
        return -1
    r = parse_date(rt, s)
    decref_off(rt, s)
    return ret_number(r, ret)


cdef int date_now(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    ret[0] = mk_number(now_ms())
    return 0


# --- getters ------------------------------------------------------------------------------

cdef enum:
    F_YEAR = 0
    F_MONTH = 1
    F_DATE = 2
    F_DAY = 3
    F_HOURS = 4
    F_MINUTES = 5
    F_SECONDS = 6
    F_MS = 7
    F_TIME = 8            # getTime / valueOf
    F_TZOFFSET = 9
    F_YEAR1900 = 10       # getYear
    G_LOCAL = 16


cdef int date_get(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double t, r
    cdef Fields f
    cdef int field = magic & 15
    if this_time(rt, this, &t) < 0:
        return -1
    if isnan(t) or field == F_TIME:
        return ret_number(t, ret)
    if field == F_TZOFFSET:
        return ret_number(-offset_at(t, NULL) / MS_MINUTE + 0.0, ret)
    if magic & G_LOCAL:
        t = local_time(t)
    split_time(t, &f)
    if field == F_YEAR:
        r = f.year
    elif field == F_MONTH:
        r = f.month
    elif field == F_DATE:
        r = f.date
    elif field == F_DAY:
        r = f.wday
    elif field == F_HOURS:
        r = f.hour
    elif field == F_MINUTES:
        r = f.minute
    elif field == F_SECONDS:
        r = f.second
    elif field == F_MS:
        r = f.ms
    else:
        r = f.year - 1900
    return ret_number(r, ret)


# --- setters ------------------------------------------------------------------------------

cdef int date_set_time(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double t, v
    if this_time(rt, this, &t) < 0:
        return -1
    if arg_number(rt, argc, argv, 0, &v) < 0:
        return -1
    v = time_clip(v)
    set_this_time(rt, this, v)
    return ret_number(v, ret)


# magic: the first field set (0 hours, 1 minutes, 2 seconds, 3 ms), + S_LOCAL
cdef enum:
    S_LOCAL = 16


cdef int date_set_clock(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """setHours/Minutes/Seconds/Milliseconds (+UTC): hour, min, sec, ms from
    the first field on; the arguments are converted before the NaN check."""
    cdef double t, u
    cdef double vals[4]
    cdef bint given[4]
    cdef int first = magic & 15, nmax = 4 - (magic & 15), i
    cdef Fields f
    if this_time(rt, this, &t) < 0:
        return -1
    for i in range(4):
        given[i] = 0
    for i in range(nmax):
        if i == 0 or argc > i:
            if arg_number(rt, argc, argv, i, &vals[first + i]) < 0:
                return -1
            given[first + i] = 1
    if isnan(t):
        return ret_number(NAN, ret)
    if magic & S_LOCAL:
        t = local_time(t)
    split_time(t, &f)
    if not given[0]:
        vals[0] = f.hour
    if not given[1]:
        vals[1] = f.minute
    if not given[2]:
        vals[2] = f.second
    if not given[3]:
        vals[3] = f.ms
    u = make_date(day_of(t), make_time(vals[0], vals[1], vals[2], vals[3]))
    if magic & S_LOCAL:
        u = utc_time(u)
    u = time_clip(u)
    set_this_time(rt, this, u)
    return ret_number(u, ret)


# magic: the first field set (0 year, 1 month, 2 date), + S_LOCAL
cdef int date_set_calendar(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """setFullYear/Month/Date (+UTC).  setFullYear starts from +0 when the
    time value is NaN; the others return NaN then (after converting)."""
    cdef double t, u
    cdef double vals[3]
    cdef bint given[3]
    cdef int first = magic & 15, nmax = 3 - (magic & 15), i
    cdef Fields f
    if this_time(rt, this, &t) < 0:
        return -1
    for i in range(3):
        given[i] = 0
    for i in range(nmax):
        if i == 0 or argc > i:
            if arg_number(rt, argc, argv, i, &vals[first + i]) < 0:
                return -1
            given[first + i] = 1
    if isnan(t):
        if first != 0:
            return ret_number(NAN, ret)
        t = 0
    elif magic & S_LOCAL:
        t = local_time(t)
    split_time(t, &f)
    if not given[0]:
        vals[0] = f.year
    if not given[1]:
        vals[1] = f.month
    if not given[2]:
        vals[2] = f.date
    u = make_date(make_day(vals[0], vals[1], vals[2]), time_within_day(t))
    if magic & S_LOCAL:
        u = utc_time(u)
    u = time_clip(u)
    set_this_time(rt, this, u)
    return ret_number(u, ret)


cdef int date_set_year(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """Annex B setYear: MakeFullYear(year), month and date kept (local time)."""
    cdef double t, y, u
    cdef Fields f
    if this_time(rt, this, &t) < 0:
        return -1
    if arg_number(rt, argc, argv, 0, &y) < 0:
        return -1
    t = 0 if isnan(t) else local_time(t)
    split_time(t, &f)
    u = make_date(make_day(make_full_year(y), f.month, f.date), time_within_day(t))
    u = time_clip(utc_time(u))
    set_this_time(rt, this, u)
    return ret_number(u, ret)


# --- strings ------------------------------------------------------------------------------

cdef int date_to_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """toString and friends: magic = FMT_*."""
    cdef double t
    if this_time(rt, this, &t) < 0:
        return -1
    return ret_formatted(rt, t, magic, ret)


cdef int date_to_json(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """toJSON (generic): null for a non-finite time value, else this.toISOString()."""
    cdef uint32_t o = to_object(rt, this)
    cdef JSVal tv, f
    cdef int r
    if o == 0:
        return -1
    if to_primitive(rt, mk_object(o), HINT_NUMBER, &tv) < 0:
        decref_off(rt, o)
        return -1
    if is_number(tv) and not finite(num_of(tv)):
        decref_off(rt, o)
        ret[0] = JSNULL
        return 0
    decref(rt, tv)
    if get_value(rt, mk_object(o), rt.atoms[A_toISOString], &f) < 0:
        decref_off(rt, o)
        return -1
    if not is_callable(rt, f):
        decref(rt, f)
        decref_off(rt, o)
        return throw_error(rt, E_TYPE, "toISOString is not a function")
    r = rt.call(rt, f, mk_object(o), 0, NULL, ret)
    decref(rt, f)
    decref_off(rt, o)
    return r


cdef uint32_t CTOR_INDEX = native_register(date_ctor, "Date", 7, 7, 0)

DEFS = [
    ("object", "Date.prototype", "Object.prototype", CLASS_OBJECT),
    ("ctor", "Date", CTOR_INDEX),
    ("method", "Date", "UTC", native_register(date_utc, "UTC", 7, 7, 0)),
    ("method", "Date", "now", native_register(date_now, "now", 0, 0, 0)),
    ("method", "Date", "parse", native_register(date_parse, "parse", 1, 1, 0)),
    ("method", "Date.prototype", "toString", native_register(date_to_string, "toString", 0, 0, FMT_STRING)),
    ("method", "Date.prototype", "toDateString", native_register(date_to_string, "toDateString", 0, 0, FMT_DATE)),
    ("method", "Date.prototype", "toTimeString", native_register(date_to_string, "toTimeString", 0, 0, FMT_TIME)),
    ("method", "Date.prototype", "toISOString", native_register(date_to_string, "toISOString", 0, 0, FMT_ISO)),
    ("method", "Date.prototype", "toUTCString", native_register(date_to_string, "toUTCString", 0, 0, FMT_UTC)),
    ("link", "Date.prototype", "toGMTString", "Date.prototype.toUTCString", PF_WRITABLE | PF_CONFIGURABLE),
    ("method", "Date.prototype", "toLocaleString",
     native_register(date_to_string, "toLocaleString", 0, 0, FMT_LOCALE)),
    ("method", "Date.prototype", "toLocaleDateString",
     native_register(date_to_string, "toLocaleDateString", 0, 0, FMT_LOCALE_DATE)),
    ("method", "Date.prototype", "toLocaleTimeString",
     native_register(date_to_string, "toLocaleTimeString", 0, 0, FMT_LOCALE_TIME)),
    ("method", "Date.prototype", "toJSON", native_register(date_to_json, "toJSON", 1, 1, 0)),
    ("method", "Date.prototype", "valueOf", native_register(date_get, "valueOf", 0, 0, F_TIME)),
    ("method", "Date.prototype", "getTime", native_register(date_get, "getTime", 0, 0, F_TIME)),
    ("method", "Date.prototype", "getFullYear", native_register(date_get, "getFullYear", 0, 0, F_YEAR | G_LOCAL)),
    ("method", "Date.prototype", "getUTCFullYear", native_register(date_get, "getUTCFullYear", 0, 0, F_YEAR)),
    ("method", "Date.prototype", "getMonth", native_register(date_get, "getMonth", 0, 0, F_MONTH | G_LOCAL)),
    ("method", "Date.prototype", "getUTCMonth", native_register(date_get, "getUTCMonth", 0, 0, F_MONTH)),
    ("method", "Date.prototype", "getDate", native_register(date_get, "getDate", 0, 0, F_DATE | G_LOCAL)),
    ("method", "Date.prototype", "getUTCDate", native_register(date_get, "getUTCDate", 0, 0, F_DATE)),
    ("method", "Date.prototype", "getDay", native_register(date_get, "getDay", 0, 0, F_DAY | G_LOCAL)),
    ("method", "Date.prototype", "getUTCDay", native_register(date_get, "getUTCDay", 0, 0, F_DAY)),
    ("method", "Date.prototype", "getHours", native_register(date_get, "getHours", 0, 0, F_HOURS | G_LOCAL)),
    ("method", "Date.prototype", "getUTCHours", native_register(date_get, "getUTCHours", 0, 0, F_HOURS)),
    ("method", "Date.prototype", "getMinutes", native_register(date_get, "getMinutes", 0, 0, F_MINUTES | G_LOCAL)),
    ("method", "Date.prototype", "getUTCMinutes", native_register(date_get, "getUTCMinutes", 0, 0, F_MINUTES)),
    ("method", "Date.prototype", "getSeconds", native_register(date_get, "getSeconds", 0, 0, F_SECONDS | G_LOCAL)),
    ("method", "Date.prototype", "getUTCSeconds", native_register(date_get, "getUTCSeconds", 0, 0, F_SECONDS)),
    ("method", "Date.prototype", "getMilliseconds",
     native_register(date_get, "getMilliseconds", 0, 0, F_MS | G_LOCAL)),
    ("method", "Date.prototype", "getUTCMilliseconds",
     native_register(date_get, "getUTCMilliseconds", 0, 0, F_MS)),
    ("method", "Date.prototype", "getTimezoneOffset",
     native_register(date_get, "getTimezoneOffset", 0, 0, F_TZOFFSET)),
    ("method", "Date.prototype", "setTime", native_register(date_set_time, "setTime", 1, 1, 0)),
    ("method", "Date.prototype", "setMilliseconds",
     native_register(date_set_clock, "setMilliseconds", 1, 1, 3 | S_LOCAL)),
    ("method", "Date.prototype", "setUTCMilliseconds",
     native_register(date_set_clock, "setUTCMilliseconds", 1, 1, 3)),
    ("method", "Date.prototype", "setSeconds", native_register(date_set_clock, "setSeconds", 2, 2, 2 | S_LOCAL)),
    ("method", "Date.prototype", "setUTCSeconds", native_register(date_set_clock, "setUTCSeconds", 2, 2, 2)),
    ("method", "Date.prototype", "setMinutes", native_register(date_set_clock, "setMinutes", 3, 3, 1 | S_LOCAL)),
    ("method", "Date.prototype", "setUTCMinutes", native_register(date_set_clock, "setUTCMinutes", 3, 3, 1)),
    ("method", "Date.prototype", "setHours", native_register(date_set_clock, "setHours", 4, 4, 0 | S_LOCAL)),
    ("method", "Date.prototype", "setUTCHours", native_register(date_set_clock, "setUTCHours", 4, 4, 0)),
    ("method", "Date.prototype", "setDate", native_register(date_set_calendar, "setDate", 1, 1, 2 | S_LOCAL)),
    ("method", "Date.prototype", "setUTCDate", native_register(date_set_calendar, "setUTCDate", 1, 1, 2)),
    ("method", "Date.prototype", "setMonth", native_register(date_set_calendar, "setMonth", 2, 2, 1 | S_LOCAL)),
    ("method", "Date.prototype", "setUTCMonth", native_register(date_set_calendar, "setUTCMonth", 2, 2, 1)),
    ("method", "Date.prototype", "setFullYear",
     native_register(date_set_calendar, "setFullYear", 3, 3, 0 | S_LOCAL)),
    ("method", "Date.prototype", "setUTCFullYear", native_register(date_set_calendar, "setUTCFullYear", 3, 3, 0)),
    ("method", "Date.prototype", "getYear", native_register(date_get, "getYear", 0, 0, F_YEAR1900 | G_LOCAL)),
    ("method", "Date.prototype", "setYear", native_register(date_set_year, "setYear", 1, 1, 0)),
]
