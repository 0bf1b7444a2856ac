// RUN: %check_fe %s -- -std=c++20 --target=i686-linux-gnu
// RUN: %verify_layout %s --target=i686-linux-gnu -- -std=c++20

// i686 (SysV): pointers are 4 bytes, and long long and double are aligned to
// 4 inside records, so the same declarations waste less than on x86_64.

// flags@0, (3), id@4, len@12, (2), tag@16 -> 20. 15 bytes of fields at
// alignment 4 need 16; {flags, len, tag, id}: flags@0, len@2, tag@4, id@8.
struct Packet {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Packet' is 20 bytes with 5 bytes of padding; ordering fields as {flags, len, tag, id} makes it 16 bytes (saves 4 bytes, 20%) [tightfit-padded-record]
  char flags;
  long long id;
  short len;
  int tag;
};

// c@0, (3), d@4, e@12 -> 16; {c, e, d}: c@0, e@1, d@4 -> 12.
struct WithDouble {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'WithDouble' is 16 bytes with 6 bytes of padding; ordering fields as {c, e, d} makes it 12 bytes (saves 4 bytes, 25%) [tightfit-padded-record]
  char c;
  double d;
  char e;
};

// kind@0, next@4, len@8, data@12, tag@16 -> 20. 12 bytes of fields: only
// 'tag' fits next to 'kind', so two fields move: {kind, tag, len, next, data}.
struct Node {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Node' is 20 bytes with 8 bytes of padding; ordering fields as {kind, tag, len, next, data} makes it 12 bytes (saves 8 bytes, 40%) [tightfit-padded-record]
  char kind;
  Node *next;
  short len;
  void *data;
  char tag;
};

// vptr@0 (4 bytes), a@4, (3), b@8, c@16 -> 20; {a, c, b}: a@4, c@5, b@8 -> 16.
struct Dynamic {
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Dynamic' is 20 bytes with 6 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 4 bytes, 20%) [tightfit-padded-record]
  virtual ~Dynamic();
  char a;
  long long b;
  char c;
};

// Wasteful on x86_64 (24 -> 16), already optimal here: p@0, c@4, q@8 -> 12,
// and 4 + 1 + 4 bytes at alignment 4 need 12.
struct TwoPointers {
  void *p;
  char c;
  void *q;
};
