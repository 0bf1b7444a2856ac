// A record with a fix-it: char, double, char (24 bytes) becomes
// char, char, double (16 bytes).
struct Fixable {
  char a;
  double b;
  char c;
};

int useFixable() {
  Fixable f{};
  return f.a + f.c;
}
