// Included with -isystem: never reported.
struct InSystemHeader {
  char a;
  double b;
  char c;
};
