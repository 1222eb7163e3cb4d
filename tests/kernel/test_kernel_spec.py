"""The generic protocol conformance tests of jupyter_kernel_test, every sample filled."""
import unittest

import pytest

jkt = pytest.importorskip("jupyter_kernel_test")


class GlassjsKernelTests(jkt.KernelTests):
    kernel_name = "glassjs-test"          # installed by conftest.py's session fixture
    language_name = "javascript"
    file_extension = ".js"

    code_hello_world = "console.log('hello, world')"
    code_stderr = "console.error('something went wrong')"

    completion_samples = [
        {"text": "Math.ma", "matches": {"max"}},
        {"text": "JSON.str", "matches": {"stringify"}},
        {"text": "parseI", "matches": {"parseInt"}},
        {"text": "Object.getOwnPropertyN", "matches": {"getOwnPropertyNames"}},
    ]

    complete_code_samples = ["1 + 1", "let a = 1;", "function f() { return 1 }", "%lsmagic", "",
                             "// just a comment", "Math.max?"]
    incomplete_code_samples = ["function f() {", "var a = [1,", "`a template", "if (x)",
                               "/* a comment", "'continued \\"]
    invalid_code_samples = ["a b", "var 1x = 2", "}", "'unterminated"]

    code_page_something = "Math.max?"

    code_generate_error = "throw new Error('boom')"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'a' + 'b'", "result": "'ab'"},
        {"code": "[1, 2, 3]", "result": "[ 1, 2, 3 ]"},
        {"code": "({a: 1, b: 'x'})", "result": "{ a: 1, b: 'x' }"},
        {"code": "({a: 1, b: 'x'})", "mime": "text/html"},
        {"code": "[{x: 1}, {x: 2}]", "mime": "text/html"},
    ]

    code_display_data = [
        {"code": "display.html('<b>hi</b>')", "mime": "text/html"},
        {"code": "display.svg('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>')",
         "mime": "image/svg+xml"},
        {"code": "display.markdown('# Title')", "mime": "text/markdown"},
        {"code": "display({'text/latex': '$x^2$', 'text/plain': 'x^2'})", "mime": "text/latex"},
        {"code": "display.png('iVBORw0KGgo=')", "mime": "image/png"},
        {"code": "display.json({a: [1, 2]})", "mime": "application/json"},
    ]

    code_history_pattern = "6 * 7"          # a glob (fnmatch) pattern: matches the first execute_result sample
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "display.clear()"


if __name__ == "__main__":
    unittest.main()
