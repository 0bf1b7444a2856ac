// A project header: its records are reported when the header filter says so.
struct InUserHeader {
  char a;
  double b;
  char c;
};
