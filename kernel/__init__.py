"""glassjs.kernel: the Jupyter kernel (an ipykernel wrapper kernel, engine in process).

    python -m glassjs.kernel install [--user | --sys-prefix | --prefix P]

Modules: kernel (protocol glue), shell (the engine and running cells),
errors (tracebacks), render (execute_result bundles), display (the JS
`display` API), completion (complete / inspect / is_complete), signatures
(one-line docs of built-ins), magics, history, output (stream batching),
install, config (limits).  See docs/kernel.md.
"""
