//@ -o /tmp/tightfit-fuzz-escape.o -fplugin=/nonexistent.so -Xclang -load -Xclang /nonexistent.so -include /dev/zero --target=x86_64-pc-windows-msvc -std=c++17
// Only the target and the standard above are honoured; the rest is ignored.
struct Padded { char a; double b; char c; };
