// Ground truth for C records ('struct name' spelling, _Static_assert probes).
// RUN: %verify_layout %s --min-verified=2 -- -std=c11
// RUN: %verify_layout %s --min-verified=1 -- -std=gnu99
// RUN: %verify_layout %s --fix --min-verified=6 -- -std=c11

struct sensor_reading {
  char valid;
  double value;
  short channel;
  char unit;
  long timestamp;
};

typedef struct {
  unsigned char kind;
  void *payload;
  unsigned char priority;
} message_t;

struct flex {
  char tag;
  long length;
  char kind;
  char data[];
};

struct node {
  struct node *next;
  char color;
  struct node *parent;
  char visited;
};

void use(void) {
  struct local_pair {
    char a;
    double b;
    char c;
  } pair = {0};
  (void)pair;
}

struct sensor_reading reading;
message_t message;
struct node root;
