#include "base/text.h"

#include <string.h>

size_t text_width(const char *text)
{
	size_t n = 0;
	for (; *text; text++)
		n += (*text & 0xc0) != 0x80;
	return n;
}

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
