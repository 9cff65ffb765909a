/*
 * The math of a step as text, for the viewer's math view and the Markdown
 * export: each value as its name, "= operation", "<- inputs", its hex and
 * "$ command", wrapped to a width (hex and commands are cut anywhere, words
 * between spaces).
 */
#include <inttypes.h>
#include <string.h>

#include "decode/decode.h"
#include "export/export.h"
#include "layout/layout.h"

/*
 * Appends `text` wrapped to `width` columns, each line after `indent`. Its
 * own newlines (a here-document's) are kept, and the lines after them have
 * no indent: the here-document's lines must paste as they are.
 */
static void wrapped(struct buf *out, const char *indent, const char *text, size_t width,
		    bool words)
{
	for (const char *p = text; *p;) {
		size_t room = width > strlen(indent) + 8 ? width - strlen(indent) : 8;
		size_t n = strcspn(p, "\n");
		if (n > room) {
			n = room;
			if (words) {
				size_t space = n;
				while (space > 0 && p[space] != ' ')
					space--;
				if (space > room / 2)
					n = space;
			}
		}
		buf_printf(out, "%s%.*s\n", indent, (int)n, p);
		p += n;
		if (*p == '\n') {
			p++;
			indent = "";
		}
		while (words && *p == ' ')
			p++;
	}
}

static void value_text(struct buf *out, const struct math_value *v, size_t width)
{
	buf_printf(out, "%s\n", v->name);
	if (v->operation[0]) {
		struct buf op = BUF_INIT;
		buf_printf(&op, "= %s", v->operation);
		wrapped(out, "  ", (const char *)op.data, width, true);
		buf_release(&op);
	}
	if (v->input_count) {
		struct buf in = BUF_INIT;
		buf_printf(&in, "<- ");
		for (size_t i = 0; i < v->input_count; i++)
			buf_printf(&in, "%s%s", i ? ", " : "", v->inputs[i]);
		wrapped(out, "  ", (const char *)in.data, width, true);
		buf_release(&in);
	}
	struct buf hex = BUF_INIT;
	for (size_t i = 0; i < v->len; i++)
		buf_printf(&hex, "%02x", v->bytes[i]);
	buf_printf(&hex, "%s", "");
	wrapped(out, "  ", (const char *)hex.data, width, false);
	buf_release(&hex);
	struct buf cmd = BUF_INIT;
	if (v->command && v->prints)
		buf_printf(&cmd, "$ %s  # prints: %s", v->command, v->prints);
	else if (v->command)
		buf_printf(&cmd, "$ %s", v->command);
	else
		buf_printf(&cmd, "(no command: %s)", v->why);
	wrapped(out, "  ", (const char *)cmd.data, width, v->command == NULL);
	buf_release(&cmd);
}

size_t math_step_text(const struct trace *t, size_t message, size_t width, struct buf *out)
{
	size_t count = 0, record = MATH_NONE;
	struct math_view view;
	math_view_of(t, message, &view);
	for (size_t i = 0; i < view.count; i++) {
		const struct math_value *v = view.values[i];
		if (v->record != record && v->record != MATH_NONE) {
			struct record_math p;
			record = v->record;
			const struct record *r = &t->records[record];
			if (math_record_parts(t, record, &p))
				buf_printf(out, "%s-- record %zu (%s), sequence number %" PRIu64 " --\n",
					   count ? "\n" : "", record,
					   r->dir == DIR_CLIENT_TO_SERVER ? "client -> server"
									  : "server -> client",
					   p.sequence_number);
		} else if (count) {
			buf_printf(out, "\n");
		}
		value_text(out, v, width);
		count++;
	}
	math_view_release(&view);
	const char *unwritten = math_unwritten(t, t->messages[message].conn);
	if (!count && unwritten) {
		struct buf why = BUF_INIT;
		buf_printf(&why, "Nothing is shown at this step: %s.", unwritten);
		wrapped(out, "", (const char *)why.data, width, true);
		buf_release(&why);
	}
	else if (!count)
		buf_printf(out, "Nothing is computed at this step.\n");
	buf_printf(out, "%s", "");
	return count;
}

void math_markdown(const struct trace *t, const struct sequence_item *items, size_t count,
		   FILE *out)
{
	fputs("\n## The math\n\nWhat each step computed, from what, and a command that computes\n"
	      "it again (bash, with openssl and python3); numbered as the table. The commands\n"
	      "stand whole, on lines of their own, so that they paste as they are.\n", out);
	for (size_t i = 0; i < count; i++) {
		const struct step *s = &t->steps[items[i].step];
		if (s->kind != STEP_MESSAGE)
			continue;
		struct buf text = BUF_INIT;
		/* Unwrapped: a command must paste whole. */
		if (math_step_text(t, s->index, (size_t)-1 / 4, &text))
			fprintf(out, "\n### %zu. %s\n\n```\n%s```\n", i + 1, items[i].label,
				(const char *)text.data);
		buf_release(&text);
	}
}
