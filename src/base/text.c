#include "base/text.h"

#include <string.h>

size_t wrap_cut(const char *text, size_t width)
{
	size_t len = strcspn(text, "\n");
	if (len <= width)
		return len;
	size_t cut = width;
	while (cut > 0 && text[cut] != ' ')
		cut--;
	return cut ? cut : width;
}
