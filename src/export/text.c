/* The text exporter: the layout's spans, printed as they are. */
#include "export/export.h"
#include "layout/layout.h"

int export_text(const struct trace *t, const struct export_options *opts, FILE *out)
{
	struct layout l;
	layout_diagram(&l, t, &(struct layout_options){ .ascii = opts->ascii });
	for (size_t i = 0; i < l.count; i++) {
		for (size_t j = 0; j < l.lines[i].count; j++)
			fputs(l.lines[i].spans[j].text, out);
		fputc('\n', out);
	}
	layout_release(&l);
	return ferror(out) ? -1 : 0;
}
