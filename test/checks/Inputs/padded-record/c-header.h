// A header C code includes too.
#ifdef __cplusplus
extern "C" {
#endif
struct SharedWithC {
  char a;
  double b;
  char c;
};
#ifdef __cplusplus
}
#endif
