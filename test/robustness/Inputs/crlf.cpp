// Turned into a CRLF file by crlf.test. Lines end in "\r\n": locations and
// messages are those of the same file with "\n".
//
// Padded: char, double, char: 24 bytes, 16 as {a, c, b}.
struct Padded {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Padded' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE+1]]:8: note: 7 bytes of padding after 'a'
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 7 bytes of tail padding

// A record spread over lines with comments between its fields.
struct Spread {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Spread' is 24 bytes with 14 bytes of padding; ordering fields as {first, last, middle} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
  char first; // the first
  /* a block comment
     over two lines */
  double middle;
  char last;
};

int useThem() {
  Padded p{};
  Spread s{};
  return p.a + p.c + s.first + s.last;
}
