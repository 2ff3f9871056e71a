// count_lines: the speed floor for reading a lead file — counts '\n' with memchr over
// a large read() buffer. `count_lines FILE` prints the count and the MB/s on stderr.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: count_lines FILE\n");
    return 2;
  }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) {
    std::perror(argv[1]);
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<char> buf(size_t(4) << 20);
  unsigned long long lines = 0, bytes = 0;
  for (;;) {
    ssize_t n = read(fd, buf.data(), buf.size());
    if (n < 0) {
      std::perror("read");
      return 1;
    }
    if (n == 0) break;
    bytes += size_t(n);
    const char* p = buf.data();
    const char* end = p + n;
    while ((p = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p))))) {
      ++lines;
      ++p;
    }
  }
  close(fd);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu\n", lines);
  std::fprintf(stderr, "count_lines: %llu lines, %llu bytes in %.3f s (%.0f MB/s)\n", lines, bytes, s,
               s > 0 ? double(bytes) / 1e6 / s : 0.0);
  return 0;
}
