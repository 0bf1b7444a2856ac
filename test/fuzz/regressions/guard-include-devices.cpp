// The fuzz target must refuse anything but plain files: these are errors,
// not hangs (a FIFO or /dev/zero would block or never end).
#include "/dev/zero"
#include </dev/stdin>
#include "/proc/self/maps"
#include "/sys/kernel/mm/transparent_hugepage/enabled"
#include "/tmp"
struct AfterTheDevices { char a; double b; char c; };
