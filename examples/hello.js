// A first program: run it with `python -m glassjs run examples/hello.js`.
function greet(name) {
  return "Hello, " + name + "!";
}
var langs = ["JavaScript", "bytecode", "the heap"];
for (var i = 0; i < langs.length; i++) {
  console.log(greet(langs[i]));
}
