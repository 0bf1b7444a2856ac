// A record defined in a header: other translation units could initialise it.
struct InHeader {
  char a;
  double b;
  char c;
};
