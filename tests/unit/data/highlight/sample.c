#include <stdio.h>

#define COUNT 3

static int square(int x) { return x * x; }

int main(void)
{
    for (int i = 0; i < COUNT; ++i)
        printf("%d\n", square(i));
    return 0;
}
