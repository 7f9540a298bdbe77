"""The quotes stage: who said what, in the speaker's words or reported.

Three kinds of quotation are read from a parsed article body:

- **direct**: words inside quote marks that stand as a sentence or more ('"We are
  ready," Lavrov said.', 'Lavrov said: "We are ready."'), including quotes that run over
  several paragraphs (the opening mark repeated at each paragraph, one closing mark at
  the end): one quote per paragraph, all with the speaker of the chain.
- **partial**: quoted words embedded in the reporter's sentence ('warned that Russia
  "could not indefinitely" tolerate ...', 'This can "only be re-evaluated ..." he said').
- **indirect**: reported speech, the clause a speech verb governs ('Guler said (that)
  ...', '..., Guler told Reuters.', '..., according to the presidency'), or for verbs
  such as 'accused' and 'urged' the verb with what follows it.

Quote marks may be straight, curly or mixed (an opening `"` closed by `”`); whether a
straight mark opens or closes is read from the characters around it. The text of a
marked quote is the words inside the marks.

The speaker of a marked quote is the subject of the speech verb in its sentence (outside
the marks; the innermost when reports nest), else, for a quote with no attribution of
its own, the speaker of the quote it continues (earlier in the paragraph, or the
paragraph before it ending with a colon), a bare attribution right after it ('Lavrov
said.'), or, for a whole-paragraph quote, the last speaker of the paragraph before.
Speakers are resolved to the entities stage's entities through
`eventwire.entities.entity_at` (a surname, a split name, a collective). 'he said' is
the last person who spoke or was a sentence's main subject, whichever is later; 'it
said' the organisation before it. A title without a name ('the minister') is the last
person holding that title, 'the ministry' the last ministry that spoke, 'His office'
that person's office; an unnamed speaker ('A Russian expert', 'informed Syrian
sources', "Assad's office") is kept as written. A report inside a person's report is
the person's ('Caracas condemned ... "...", Foreign Minister Yván Gil said'). A subject
that names nobody ('the data suggest') is no speaker, and a negated verb ('did not
confirm') reports nothing.

The vocabulary (speech verbs and phrases, pronouns, unnamed-speaker nouns, the little
words that open a reported clause) is `data/speech_verbs.yaml`. `quote_at(doc, offset)`
gives the quote a character offset belongs to.

The package, in reading order: `marks` (quote marks, pure text), `article` (the
per-article state the readers share), `speakers` (a subject word to a speaker),
`attribution` (speech verbs and who they say spoke), `chains` (marked quotes and their
multi-paragraph chains), `reported` (indirect speech), `component` (the spaCy
component and `find_quotes`).
"""

from eventwire.quotes.component import QuotesComponent, find_quotes, make_quotes, quote_at
from eventwire.quotes.marks import marked_quotes

__all__ = ["QuotesComponent", "find_quotes", "make_quotes", "marked_quotes", "quote_at"]
