// Evidence of instances: a note names how the translation unit makes many
// instances of a record (the message stays the same in every translation
// unit), and the notes say what the saving changes for
// one instance when it is allocated on its own (malloc chunks).
//
// RUN: %check_fe %s -- -std=c++17 --target=x86_64-linux-gnu
//
// Every record is {char a; double b; char c;}: 24 bytes -> {a, c, b}, 16
// bytes (saves 8 bytes, 33%). One instance fits one cache line either way;
// glibc gives 24 and 16 bytes alike a 32-byte chunk (request + 8, rounded up
// to 16), so no note on either.

#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <vector>

struct NoEvidence {
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'NoEvidence' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
NoEvidence single;

struct InArrays {
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'InArrays' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: instances: array 'grid' of 32, array 'spare' of 4
InArrays grid[4][8];
InArrays spare[4];

struct InContainers {
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'InContainers' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: instances: std::vector 'list', std::map 'byId', array 'fixed' of 3
std::vector<InContainers> list;
std::map<int, InContainers> byId;
std::array<InContainers, 3> fixed;
// A vector of pointers holds no instances.
std::vector<InContainers *> pointers;

struct Allocated {
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Allocated' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: instances: new[], new in a loop, calloc of an array and 1 more
void allocate(int n) {
  Allocated *many = new Allocated[n];
  for (int i = 0; i < n; ++i)
    std::unique_ptr<Allocated> one(new Allocated);
  void *raw = calloc(n, sizeof(Allocated));
  void *grown = realloc(raw, n * 2 * sizeof(Allocated));
  free(grown);
  delete[] many;
  // One object, outside a loop, is no evidence.
  delete new Allocated;
  free(malloc(sizeof(Allocated)));
}

// A field of another reported record: its instances are the holder's. The
// holder is in a vector, which holds its parts too.
// Part: a@0 b@8 c@16 -> 24 -> 16.
// Holder: tag@0 (7) part@8 (24) flag@32 (7) -> 40; {tag, flag, part}:
// tag@0 flag@1 part@8 -> 32. Alone on the heap, 40 bytes take a 48-byte chunk
// and 32 bytes a 48-byte one as well (32 + 8 = 40 -> 48): no note.
struct Part {
  char a;
  double b;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Part' is 24 bytes with 14 bytes of padding; ordering fields as {a, c, b} makes it 16 bytes (saves 8 bytes, 33%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: instances: member of 'Holder', std::vector 'holders'
struct Holder {
  char tag;
  Part part;
  char flag;
};
// CHECK-MESSAGES: :[[@LINE-5]]:8: warning: 'Holder' is 40 bytes with 14 bytes of padding; ordering fields as {tag, flag, part} makes it 32 bytes (saves 8 bytes, 20%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: instances: std::vector 'holders'
std::vector<Holder> holders;

// A saving that moves one instance to a smaller malloc chunk is noted when
// the program makes many: a@0 x@8 b@16 y@24 c@32 -> 40; {a, b, c, x, y} = 0,
// 1, 2, 8, 16 -> 24: glibc chunks of 48 (40 + 8 -> 48) and 32 (24 + 8 -> 32).
struct Chunked {
  char a;
  double x;
  char b;
  double y;
  char c;
};
// CHECK-MESSAGES: :[[@LINE-7]]:8: warning: 'Chunked' is 40 bytes with 21 bytes of padding; ordering fields as {a, b, c, x, y} makes it 24 bytes (saves 16 bytes, 40%) [tightfit-padded-record]
// CHECK-MESSAGES: :[[@LINE-8]]:8: note: instances: std::vector 'chunks'
// CHECK-MESSAGES: :[[@LINE-9]]:8: note: a heap allocation of one takes a 48-byte malloc chunk; in the suggested order, 32
std::vector<Chunked> chunks;
