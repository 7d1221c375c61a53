"""Token tables of parsed sentences (see tests/docs.py), checked by hand; rules are tested on these."""

SAID_CCOMP = """
Peskov       PROPN NNP  nsubj     1   Peskov       B-PERSON
said         VERB  VBD  ROOT      1   say          O
Putin        PROPN NNP  nsubj     4   Putin        B-PERSON
would        AUX   MD   aux       4   would        O
listen       VERB  VB   ccomp     1   listen       O
to           ADP   IN   prep      4   to           O
"            PUNCT ``   punct     8   "            O
concrete     ADJ   JJ   amod      8   concrete     O
proposals    NOUN  NNS  pobj      5   proposal     O
"            PUNCT ''   punct     8   "            O
on           ADP   IN   prep      4   on           O
Monday       PROPN NNP  pobj      10  Monday       B-DATE
.            PUNCT .    punct     1   .            O
"""

DEMAND_DOBJ = """
Putin        PROPN NNP  nsubj     3   Putin        B-PERSON
will         AUX   MD   aux       3   will         O
reportedly   ADV   RB   advmod    3   reportedly   O
demand       VERB  VB   ROOT      3   demand       O
a            DET   DT   det       5   a            O
guarantee    NOUN  NN   dobj      3   guarantee    O
from         ADP   IN   prep      5   from         O
Biden        PROPN NNP  pobj      6   Biden        B-GPE
that         SCONJ IN   mark      12  that         O
NATO         PROPN NNP  nsubj     12  NATO         B-ORG
will         AUX   MD   aux       12  will         O
not          PART  RB   neg       12  not          O
expand       VERB  VB   acl       5   expand       O
.            PUNCT .    punct     3   .            O
"""

PASSIVE_SAID = """
The          DET   DT   det       2   the          O
Russian      ADJ   JJ   amod      2   russian      B-NORP
president    NOUN  NN   nsubjpass 4   president    O
is           AUX   VBZ  auxpass   4   be           O
said         VERB  VBN  ROOT      4   say          O
to           PART  TO   aux       6   to           O
be           AUX   VB   xcomp     4   be           O
concerned    VERB  VBN  acomp     6   concern      O
that         SCONJ IN   mark      10  that         O
Ukraine      PROPN NNP  nsubj     10  Ukraine      B-GPE
is           AUX   VBZ  ccomp     7   be           O
too          ADV   RB   advmod    12  too          O
close        ADJ   JJ   acomp     10  close        O
to           ADP   IN   prep      12  to           O
the          DET   DT   det       15  the          O
West         PROPN NNP  pobj      13  West         B-LOC
.            PUNCT .    punct     4   .            O
"""

CALLING_OPRD = """
Officials    NOUN  NNS  nsubj     1   official     O
dismissed    VERB  VBD  ROOT      1   dismiss      O
the          DET   DT   det       3   the          O
reports      NOUN  NNS  dobj      1   report       O
,            PUNCT ,    punct     1   ,            O
with         ADP   IN   prep      1   with         O
spokesperson NOUN  NN   compound  8   spokesperson O
Dmitri       PROPN NNP  compound  8   Dmitri       B-PERSON
Peskov       PROPN NNP  nsubj     9   Peskov       I-PERSON
calling      VERB  VBG  pcomp     5   call         O
the          DET   DT   det       11  the          O
claims       NOUN  NNS  dobj      9   claim        O
"            PUNCT ``   punct     14  "            O
hostile      ADJ   JJ   amod      14  hostile      O
rhetoric     NOUN  NN   oprd      9   rhetoric     O
"            PUNCT ''   punct     14  "            O
on           ADP   IN   prep      9   on           O
Monday       PROPN NNP  pobj      16  Monday       B-DATE
.            PUNCT .    punct     1   .            O
"""

QUOTE_FIRST = """
"            PUNCT ``   punct     9   "            O
We           PRON  PRP  nsubj     4   we           O
will         AUX   MD   aux       4   will         O
not          PART  RB   neg       4   not          O
back         VERB  VB   ccomp     9   back         O
down         ADP   RP   prt       4   down         O
,            PUNCT ,    punct     9   ,            O
"            PUNCT ''   punct     9   "            O
Peskov       PROPN NNP  nsubj     9   Peskov       B-PERSON
said         VERB  VBD  ROOT      9   say          O
.            PUNCT .    punct     9   .            O
"""

DENIED = """
Russian      ADJ   JJ   amod      1   russian      B-NORP
officials    NOUN  NNS  nsubj     2   official     O
denied       VERB  VBD  ROOT      2   deny         O
that         SCONJ IN   mark      6   that         O
troops       NOUN  NNS  nsubj     6   troop        O
were         AUX   VBD  aux       6   be           O
massing      VERB  VBG  ccomp     2   mass         O
near         ADP   IN   prep      6   near         O
the          DET   DT   det       9   the          O
border       NOUN  NN   pobj      7   border       O
.            PUNCT .    punct     2   .            O
"""

HE_SAID = """
He           PRON  PRP  nsubj     1   he           O
said         VERB  VBD  ROOT      1   say          O
the          DET   DT   det       3   the          O
talks        NOUN  NNS  nsubj     5   talk         O
would        AUX   MD   aux       5   would        O
continue     VERB  VB   ccomp     1   continue     O
.            PUNCT .    punct     1   .            O
"""

THE_PRESIDENT = """
The          DET   DT   det       1   the          O
president    NOUN  NN   nsubj     2   president    O
said         VERB  VBD  ROOT      2   say          O
the          DET   DT   det       4   the          O
talks        NOUN  NNS  nsubj     6   talk         O
would        AUX   MD   aux       6   would        O
continue     VERB  VB   ccomp     2   continue     O
.            PUNCT .    punct     2   .            O
"""

NUMBERS = """
An           DET   DT   det       3   an           B-CARDINAL
estimated    ADJ   JJ   amod      3   estimated    I-CARDINAL
175,000      NUM   CD   nummod    3   175,000      I-CARDINAL
troops       NOUN  NNS  nsubjpass 6   troop        O
could        AUX   MD   aux       6   could        O
be           AUX   VB   auxpass   6   be           O
involved     VERB  VBN  ROOT      6   involve      O
,            PUNCT ,    punct     6   ,            O
and          CCONJ CC   cc        6   and          O
around       ADP   IN   prep      11  around       B-CARDINAL
70,000       NUM   CD   pobj      9   70,000       I-CARDINAL
are          AUX   VBP  conj      6   be           O
already      ADV   RB   advmod    11  already      O
there        ADV   RB   advmod    11  there        O
.            PUNCT .    punct     11  .            O
"""

THIRTEEN = """
Thirteen     NUM   CD   nummod    1   thirteen     B-CARDINAL
soldiers     NOUN  NNS  nsubjpass 3   soldier      O
were         AUX   VBD  auxpass   3   be           O
killed       VERB  VBN  ROOT      3   kill         O
after        ADP   IN   prep      3   after        O
two          NUM   CD   nummod    6   two          B-DATE
decades      NOUN  NNS  pobj      4   decade       I-DATE
of           ADP   IN   prep      6   of           O
fighting     NOUN  NN   pobj      7   fighting     O
.            PUNCT .    punct     3   .            O
"""

DATES = """
The          DET   DT   det       1   the          O
meeting      NOUN  NN   nsubj     4   meeting      O
on           ADP   IN   prep      1   on           O
Tuesday      PROPN NNP  pobj      2   Tuesday      B-DATE
came         VERB  VBD  ROOT      4   come         O
after        ADP   IN   prep      4   after        O
August       PROPN NNP  pobj      5   August       B-DATE
31           NUM   CD   nummod    6   31           I-DATE
and          CCONJ CC   cc        5   and          O
before       ADP   IN   conj      5   before       O
January      PROPN NNP  pobj      9   January      B-DATE
,            PUNCT ,    punct     4   ,            O
as           ADP   IN   prep      4   as           O
in           ADP   IN   prep      12  in           O
2014         NUM   CD   pobj      13  2014         B-DATE
.            PUNCT .    punct     4   .            O
"""

VAGUE = """
Talks        NOUN  NNS  nsubj     2   talk         O
will         AUX   MD   aux       2   will         O
resume       VERB  VB   ROOT      2   resume       O
today        NOUN  NN   npadvmod  2   today        B-DATE
and          CCONJ CC   cc        2   and          O
continue     VERB  VB   conj      2   continue     O
this         DET   DT   det       7   this         B-DATE
week         NOUN  NN   npadvmod  5   week         I-DATE
.            PUNCT .    punct     2   .            O
"""

LIST = """
Sweden       PROPN NNP  nsubj     5   Sweden       B-GPE
,            PUNCT ,    punct     0   ,            O
Belgium      PROPN NNP  conj      0   Belgium      B-GPE
and          CCONJ CC   cc        2   and          O
England      PROPN NNP  conj      2   England      B-GPE
won          VERB  VBD  ROOT      5   win          O
their        PRON  PRP$ poss      7   their        O
matches      NOUN  NNS  dobj      5   match        O
.            PUNCT .    punct     5   .            O
"""

TITLE = """
Secretary    PROPN NNP  nmod      4   Secretary    O
of           ADP   IN   prep      0   of           O
State        PROPN NNP  pobj      1   State        B-ORG
Antony       PROPN NNP  compound  4   Antony       B-PERSON
Blinken      PROPN NNP  nsubj     5   Blinken      I-PERSON
spoke        VERB  VBD  ROOT      5   speak        O
to           ADP   IN   prep      5   to           O
Volodymyr    PROPN NNP  compound  8   Volodymyr    B-PERSON
Zelensky     PROPN NNP  pobj      6   Zelensky     I-PERSON
.            PUNCT .    punct     5   .            O
"""

EXPLORER = """
Microsoft    PROPN NNP  nsubj     1   Microsoft    B-ORG
released     VERB  VBD  ROOT      1   release      O
Internet     PROPN NNP  compound  3   Internet     O
Explorer     PROPN NNP  dobj      1   Explorer     O
6            NUM   CD   nummod    3   6            B-CARDINAL
in           ADP   IN   prep      1   in           O
2001         NUM   CD   pobj      5   2001         B-DATE
.            PUNCT .    punct     1   .            O
"""

TWO = """
The          DET   DT   det       2   the          O
two          NUM   CD   nummod    2   two          B-CARDINAL
presidents   NOUN  NNS  nsubj     3   president    O
met          VERB  VBD  ROOT      3   meet         O
in           ADP   IN   prep      3   in           O
Geneva       PROPN NNP  pobj      4   Geneva       B-GPE
.            PUNCT .    punct     3   .            O
"""
INTRO_PUTIN = """
Russian      ADJ   JJ   amod      1   russian      B-NORP
President    PROPN NNP  compound  3   President    O
Vladimir     PROPN NNP  compound  3   Vladimir     B-PERSON
Putin        PROPN NNP  nsubj     4   Putin        I-PERSON
spoke        VERB  VBD  ROOT      4   speak        O
to           ADP   IN   prep      4   to           O
reporters    NOUN  NNS  pobj      5   reporter     O
.            PUNCT .    punct     4   .            O
"""

INTRO_BOTH = """
President    PROPN NNP  compound  2   President    O
Joe          PROPN NNP  compound  2   Joe          B-PERSON
Biden        PROPN NNP  nsubj     3   Biden        I-PERSON
met          VERB  VBD  ROOT      3   meet         O
Russian      ADJ   JJ   amod      5   russian      B-NORP
President    PROPN NNP  compound  7   President    O
Vladimir     PROPN NNP  compound  7   Vladimir     B-PERSON
Putin        PROPN NNP  dobj      3   Putin        I-PERSON
.            PUNCT .    punct     3   .            O
"""


DISAGREEING = """
MicroMega    PROPN NNP  nsubj     1   MicroMega    B-ORG
describe     VERB  VBP  ROOT      1   describe     O
the          DET   DT   det       3   the          O
judgement    NOUN  NN   dobj      1   judgement    O
as           ADP   IN   prep      1   as           O
historic     ADJ   JJ   pobj      4   historic     O
in           ADP   IN   prep      1   in           O
2015         NUM   CD   pobj      6   2015         B-DATE
.            PUNCT .    punct     1   .            O
"""

LIFESPAN = """
Norton       PROPN NNP  nsubj     9   Norton       B-PERSON
(            PUNCT -LRB- punct    0   (            O
1818         NUM   CD   appos     0   1818         B-DATE
–            SYM   :    punct     2   –            O
January      PROPN NNP  appos     2   January      B-DATE
8            NUM   CD   nummod    4   8            I-DATE
,            PUNCT ,    punct     4   ,            O
1880         NUM   CD   nummod    4   1880         I-DATE
)            PUNCT -RRB- punct    0   )            O
was          AUX   VBD  ROOT      9   be           O
a            DET   DT   det       11  a            O
citizen      NOUN  NN   attr      9   citizen      O
in           ADP   IN   prep      9   in           O
1859         NUM   CD   pobj      12  1859         B-DATE
.            PUNCT .    punct     9   .            O
"""

ATTRIBUTIVE_YEAR = """
Turnout      NOUN  NN   nsubj     1   turnout      O
was          AUX   VBD  ROOT      1   be           O
higher       ADJ   JJR  acomp     1   high         O
than         SCONJ IN   mark      8   than         O
before       SCONJ IN   mark      8   before       O
the          DET   DT   det       7   the          O
2014         NUM   CD   nummod    7   2014         B-DATE
protests     NOUN  NNS  nsubj     8   protest      O
began        VERB  VBD  advcl     2   begin        O
in           ADP   IN   prep      8   in           O
the          DET   DT   det       11  the          O
city         NOUN  NN   pobj      9   city         O
.            PUNCT .    punct     1   .            O
"""

YEAR_OF_EVENT = """
In           ADP   IN   prep      4   in           O
2014         NUM   CD   pobj      0   2014         B-DATE
,            PUNCT ,    punct     4   ,            O
protests     NOUN  NNS  nsubj     4   protest      O
began        VERB  VBD  ROOT      4   begin        O
in           ADP   IN   prep      4   in           O
the          DET   DT   det       7   the          O
city         NOUN  NN   pobj      5   city         O
after        ADP   IN   prep      4   after        O
the          DET   DT   det       10  the          O
election     NOUN  NN   pobj      8   election     O
.            PUNCT .    punct     4   .            O
"""

MISSPELT = """
The          DET   DT   det       1   the          O
museum       NOUN  NN   nsubj     3   museum       O
will         AUX   MD   aux       3   will         O
recieve      VERB  VB   ROOT      3   recieve      O
pilot        NOUN  NN   dobj      3   pilot        O
seats        NOUN  NNS  dobj      3   seat         O
in           ADP   IN   prep      3   in           O
2012         NUM   CD   pobj      6   2012         B-DATE
.            PUNCT .    punct     3   .            O
"""

SPREAD = """
Physicians   NOUN  NNS  nsubj     4   physician    O
all          ADV   RB   advmod    2   all          O
over         ADP   IN   prep      0   over         O
Europe       PROPN NNP  pobj      2   Europe       B-LOC
measured     VERB  VBD  ROOT      4   measure      O
blood        NOUN  NN   compound  6   blood        O
pressure     NOUN  NN   dobj      4   pressure     O
in           ADP   IN   prep      4   in           O
1733         NUM   CD   pobj      7   1733         B-DATE
.            PUNCT .    punct     4   .            O
"""

TITLE_LIST = """
The          DET   DT   det       1   the          O
films        NOUN  NNS  nsubj     2   film         O
are          AUX   VBP  ROOT      2   be           O
Boy          PROPN NNP  attr      2   Boy          B-WORK_OF_ART
,            PUNCT ,    punct     3   ,            O
The          DET   DT   det       6   the          O
World        PROPN NNP  poss      9   World        B-ORG
's           PART  POS  case      6   's           O
Fastest      PROPN NNP  compound  9   Fastest      B-ORG
Indian       PROPN NNP  appos     3   Indian       I-ORG
,            PUNCT ,    punct     9   ,            O
Once         ADV   RB   advmod    12  once         O
Were         PROPN NNP  compound  13  Were         O
Warriors     PROPN NNP  appos     9   Warriors     O
.            PUNCT .    punct     2   .            O
"""

COMMA_BEFORE_VERB = """
The          DET   DT   det       2   the          O
firm         NOUN  NN   compound  2   firm         O
Secunia.com  PROPN NNP  nsubj     5   Secunia.com  B-ORG
,            PUNCT ,    punct     2   ,            O
has          AUX   VBZ  aux       5   have         O
said         VERB  VBN  ROOT      5   say          O
that         SCONJ IN   mark      8   that         O
IE6          PROPN NNP  nsubj     8   IE6          B-PRODUCT
has          VERB  VBZ  ccomp     5   have         O
277          NUM   CD   nummod    10  277          B-CARDINAL
vulnerabilities NOUN NNS dobj     8   vulnerability O
.            PUNCT .    punct     5   .            O
"""

JOINED_SUBJECT = """
New          PROPN NNP  compound  1   New          B-GPE
Zealand      PROPN NNP  poss      3   Zealand      I-GPE
's           PART  POS  case      1   's           I-GPE
isolation    NOUN  NN   nsubj     12  isolation    O
for          ADP   IN   prep      3   for          O
80           NUM   CD   compound  6   80           B-DATE
million      NUM   CD   nummod    7   million      I-DATE
years        NOUN  NNS  pobj      4   year         I-DATE
and          CCONJ CC   cc        3   and          O
island       NOUN  NN   compound  10  island       O
biogeography NOUN  NN   conj      3   biogeography O
has          AUX   VBZ  aux       12  have         O
influenced   VERB  VBN  ROOT      12  influence    O
evolution    NOUN  NN   dobj      12  evolution    O
.            PUNCT .    punct     12  .            O
"""

THIS_CONSTITUENCY = """
Junius       PROPN NNP  compound  1   Junius       B-PERSON
Ho           PROPN NNP  nsubj     2   Ho           I-PERSON
defeated     VERB  VBD  ROOT      2   defeat       O
Lee          PROPN NNP  dobj      2   Lee          B-PERSON
in           ADP   IN   prep      2   in           O
this         DET   DT   det       6   this         O
constituency NOUN  NN   pobj      4   constituency O
by           ADP   IN   prep      2   by           O
5000         NUM   CD   nummod    9   5000         B-CARDINAL
votes        NOUN  NNS  pobj      7   vote         O
.            PUNCT .    punct     2   .            O
"""

COMMA_THAT = """
XULRunner    PROPN NNP  nsubj     1   XULRunner    B-ORG
is           AUX   VBZ  ROOT      1   be           O
a            DET   DT   det       4   a            O
software     NOUN  NN   compound  4   software     O
platform     NOUN  NN   attr      1   platform     O
by           ADP   IN   prep      4   by           O
Mozilla      PROPN NNP  pobj      5   Mozilla      B-ORG
,            PUNCT ,    punct     1   ,            O
that         PRON  WDT  nsubj     9   that         O
allows       VERB  VBZ  advcl     1   allow        O
apps         NOUN  NNS  dobj      9   app          O
.            PUNCT .    punct     1   .            O
"""

A_PLURAL = """
Toys         NOUN  NNS  nsubj     4   toy          O
such         ADJ   JJ   amod      3   such         O
a            DET   DT   det       3   a            O
swords       NOUN  NNS  appos     0   sword        O
light        VERB  VBP  ROOT      4   light        O
up           ADP   RP   prt       4   up           O
.            PUNCT .    punct     4   .            O
"""

A_FEW = """
A            DET   DT   det       2   a            O
few          ADJ   JJ   amod      2   few          O
visitors     NOUN  NNS  nsubj     3   visitor      O
came         VERB  VBD  ROOT      3   come         O
.            PUNCT .    punct     3   .            O
"""

BRACKETED_NAME = """
Mozilla      PROPN NNP  nsubj     1   Mozilla      B-ORG
maintains    VERB  VBZ  ROOT      1   maintain     O
A            PROPN NNP  compound  4   A            B-PRODUCT
-            PUNCT HYPH punct     4   -            I-PRODUCT
Frame        PROPN NNP  dobj      1   Frame        I-PRODUCT
(            PUNCT -LRB- punct    6   (            O
VR           PROPN NNP  appos     4   VR           B-ORG
)            PUNCT -RRB- punct    6   )            O
in           ADP   IN   prep      1   in           O
2015         NUM   CD   pobj      8   2015         B-DATE
.            PUNCT .    punct     1   .            O
"""

PANEL_OF_TWELVE = """
John         PROPN NNP  compound  1   John         B-PERSON
Burrows      PROPN NNP  nsubj     11  Burrows      I-PERSON
,            PUNCT ,    punct     1   ,            O
the          DET   DT   det       4   the          O
chairman     NOUN  NN   appos     1   chairman     O
of           ADP   IN   prep      4   of           O
the          DET   DT   det       7   the          O
panel        NOUN  NN   pobj      5   panel        O
of           ADP   IN   prep      7   of           O
twelve       NUM   CD   pobj      8   twelve       B-CARDINAL
,            PUNCT ,    punct     1   ,            O
said         VERB  VBD  ROOT      11  say          O
the          DET   DT   det       13  the          O
flag         NOUN  NN   nsubj     14  flag         O
changed      VERB  VBD  ccomp     11  change       O
in           ADP   IN   prep      14  in           O
1902         NUM   CD   pobj      15  1902         B-DATE
.            PUNCT .    punct     11  .            O
"""

QUEEN = """
Elizabeth    PROPN NNP  compound  1   Elizabeth    B-PERSON
II           PROPN NNP  nsubj     2   II           I-PERSON
is           AUX   VBZ  ROOT      2   be           O
the          DET   DT   det       4   the          O
Queen        PROPN NNP  attr      2   Queen        O
of           ADP   IN   prep      4   of           O
New          PROPN NNP  compound  7   New          B-GPE
Zealand      PROPN NNP  pobj      5   Zealand      I-GPE
.            PUNCT .    punct     2   .            O
"""

REPORT_RELEASED = """
In           ADP   IN   prep      8   in           O
a            DET   DT   det       2   a            O
report       NOUN  NN   pobj      0   report       O
released     VERB  VBN  acl       2   release      O
in           ADP   IN   prep      3   in           O
November     PROPN NNP  pobj      4   November     B-DATE
2012         NUM   CD   nummod    5   2012         I-DATE
,            PUNCT ,    punct     8   ,            O
Mozilla      PROPN NNP  nsubj     9   Mozilla      B-ORG
reported     VERB  VBD  ROOT      9   report       O
a            DET   DT   det       11  a            O
loss         NOUN  NN   dobj      9   loss         O
.            PUNCT .    punct     9   .            O
"""

FOR_EVERY = """
There        PRON  EX   expl      1   there        O
was          VERB  VBD  ROOT      1   be           O
one          NUM   CD   nummod    3   one          B-CARDINAL
migrant      NOUN  NN   attr      1   migrant      O
for          ADP   IN   prep      3   for          O
every        DET   DT   det       7   every        O
100          NUM   CD   nummod    7   100          B-CARDINAL
residents    NOUN  NNS  pobj      4   resident     O
in           ADP   IN   prep      1   in           O
2009         NUM   CD   pobj      8   2009         B-DATE
.            PUNCT .    punct     1   .            O
"""

REVENUE_UP_FROM = """
Revenue      NOUN  NN   nsubj     3   revenue      O
for          ADP   IN   prep      0   for          O
2011         NUM   CD   pobj      1   2011         B-DATE
rose         VERB  VBD  ROOT      3   rise         O
33           NUM   CD   nummod    5   33           B-PERCENT
%            NOUN  NN   dobj      3   %            I-PERCENT
from         ADP   IN   prep      3   from         O
123          NUM   CD   pobj      6   123          B-CARDINAL
in           ADP   IN   prep      3   in           O
2010         NUM   CD   pobj      8   2010         B-DATE
.            PUNCT .    punct     3   .            O
"""

PAYING_THEM = """
William      PROPN NNP  compound  1   William      B-PERSON
Rufus        PROPN NNP  nsubj     2   Rufus        I-PERSON
introduced   VERB  VBD  ROOT      2   introduce    O
the          DET   DT   det       4   the          O
custom       NOUN  NN   dobj      2   custom       O
of           ADP   IN   prep      4   of           O
paying       VERB  VBG  pcomp     5   pay          O
them         PRON  PRP  dobj      6   they         O
in           ADP   IN   prep      6   in           O
1090         NUM   CD   pobj      8   1090         B-DATE
.            PUNCT .    punct     2   .            O
"""

TWO_OR_EVEN = """
Each         DET   DT   det       1   each         O
plant        NOUN  NN   nsubj     2   plant        O
bore         VERB  VBD  ROOT      2   bear         O
two          NUM   CD   nummod    7   two          B-CARDINAL
or           CCONJ CC   cc        3   or           O
even         ADV   RB   advmod    3   even         O
three        NUM   CD   conj      3   three        B-CARDINAL
seeds        NOUN  NNS  dobj      2   seed         O
in           ADP   IN   prep      2   in           O
1859         NUM   CD   pobj      8   1859         B-DATE
.            PUNCT .    punct     2   .            O
"""

SERIES_OF_SUMS = """
The          DET   DT   det       1   the          O
tax          NOUN  NN   nsubj     2   tax          O
was          AUX   VBD  ROOT      2   be           O
25           NUM   CD   attr      2   25           B-MONEY
pounds       NOUN  NNS  npadvmod  3   pound        I-MONEY
,            PUNCT ,    punct     3   ,            O
then         ADV   RB   advmod    7   then         O
20           NUM   CD   conj      3   20           B-MONEY
pounds       NOUN  NNS  npadvmod  7   pound        I-MONEY
and          CCONJ CC   cc        7   and          O
15           NUM   CD   conj      7   15           B-MONEY
pounds       NOUN  NNS  npadvmod  10  pound        I-MONEY
in           ADP   IN   prep      2   in           O
1692         NUM   CD   pobj      12  1692         B-DATE
.            PUNCT .    punct     2   .            O
"""

OLD_SUM = """
The          DET   DT   det       1   the          O
bank         NOUN  NN   nsubj     2   bank         O
added        VERB  VBD  ROOT      2   add          O
411,117      NUM   CD   dobj      2   411,117      B-MONEY
:            PUNCT :    punct     3   :            O
10           NUM   CD   appos     3   10           B-CARDINAL
:            PUNCT :    punct     5   :            O
9            NUM   CD   appos     5   9            B-CARDINAL
in           ADP   IN   prep      2   in           O
1697         NUM   CD   pobj      8   1697         B-DATE
.            PUNCT .    punct     2   .            O
"""

# A figure in a supposed case: "If ... destroy four-fifths of them": any other fraction would do.
SUPPOSED_CASE = """
If           SCONJ IN   mark      2   if           O
we           PRON  PRP  nsubj     2   we           O
destroy      VERB  VBP  advcl     9   destroy      O
four         NUM   CD   nummod    4   four         B-CARDINAL
species      NOUN  NNS  dobj      2   species      O
in           ADP   IN   prep      2   in           O
1859         NUM   CD   pobj      5   1859         B-DATE
,            PUNCT ,    punct     9   ,            O
others       NOUN  NNS  nsubj     9   other        O
stand        VERB  VBP  ROOT      9   stand        O
apart        ADV   RB   advmod    9   apart        O
.            PUNCT .    punct     9   .            O
"""

# One year of a list: "In 1643, in 1645, and in 1661, the clothiers complained".
LISTED_YEARS = """
In           ADP   IN   prep      11  in           O
1643         NUM   CD   pobj      0   1643         B-DATE
,            PUNCT ,    punct     0   ,            O
in           ADP   IN   conj      0   in           O
1645         NUM   CD   pobj      3   1645         B-DATE
,            PUNCT ,    punct     3   ,            O
and          CCONJ CC   cc        3   and          O
in           ADP   IN   conj      3   in           O
1661         NUM   CD   pobj      7   1661         B-DATE
,            PUNCT ,    punct     11  ,            O
clothiers    NOUN  NNS  nsubj     11  clothier     O
complained   VERB  VBD  ROOT      11  complain     O
to           ADP   IN   prep      11  to           O
parliament   NOUN  NN   pobj      12  parliament   O
.            PUNCT .    punct     11  .            O
"""

# A vague quantity: "several hundred people" has "many" and "some thousands" for equally good answers.
SEVERAL_HUNDRED = """
Smuggling    NOUN  NN   nsubj     1   smuggling    O
sends        VERB  VBZ  ROOT      1   send         O
several      ADJ   JJ   amod      3   several      B-CARDINAL
hundred      NUM   CD   nummod    4   hundred      I-CARDINAL
people       NOUN  NNS  dobj      1   people       O
to           ADP   IN   prep      1   to           O
prison       NOUN  NN   pobj      5   prison       O
in           ADP   IN   prep      1   in           O
1776         NUM   CD   pobj      7   1776         B-DATE
.            PUNCT .    punct     1   .            O
"""

# "The deal was signed in 2014": which deal lies in another sentence.
DEAL_SIGNED = """
The          DET   DT   det       1   the          O
deal         NOUN  NN   nsubjpass 3   deal         O
was          AUX   VBD  auxpass   3   be           O
signed       VERB  VBN  ROOT      3   sign         O
in           ADP   IN   prep      3   in           O
2014         NUM   CD   pobj      4   2014         B-DATE
.            PUNCT .    punct     3   .            O
"""

# "He met Putin in 2021." after a sentence about Putin: "he" is someone else (Putin mis-tagged ORG here,
# as spaCy tagged "Devocht" in "to meet with Devocht").
HE_MET_PUTIN = """
He           PRON  PRP  nsubj     1   he           O
met          VERB  VBD  ROOT      1   meet         O
Putin        PROPN NNP  dobj      1   Putin        B-ORG
in           ADP   IN   prep      1   in           O
2021         NUM   CD   pobj      3   2021         B-DATE
.            PUNCT .    punct     1   .            O
"""

# The year a statistic was taken: "Food made up 55% of exports in 2014."
SHARE_IN_YEAR = """
Food         NOUN  NN   nsubj     1   food         O
made         VERB  VBD  ROOT      1   make         O
up           ADP   RP   prt       1   up           O
55           NUM   CD   nummod    4   55           B-PERCENT
%            NOUN  NN   dobj      1   %            I-PERCENT
of           ADP   IN   prep      4   of           O
exports      NOUN  NNS  pobj      5   export       O
in           ADP   IN   prep      1   in           O
2014         NUM   CD   pobj      7   2014         B-DATE
.            PUNCT .    punct     1   .            O
"""

# A vote margin: "Yau defeated Wong by 424 votes in 2016."
BY_VOTES = """
Yau          PROPN NNP  nsubj     1   Yau          B-PERSON
defeated     VERB  VBD  ROOT      1   defeat       O
Wong         PROPN NNP  dobj      1   Wong         B-PERSON
by           ADP   IN   prep      1   by           O
424          NUM   CD   nummod    5   424          B-CARDINAL
votes        NOUN  NNS  pobj      3   vote         O
in           ADP   IN   prep      1   in           O
2016         NUM   CD   pobj      6   2016         B-DATE
.            PUNCT .    punct     1   .            O
"""

# A count the sentence spells out: "Wages, profit, and rent, are the three sources."
COUNTED_LIST = """
Wages        NOUN  NNS  nsubj     7   wage         O
,            PUNCT ,    punct     0   ,            O
profit       NOUN  NN   conj      0   profit       O
,            PUNCT ,    punct     2   ,            O
and          CCONJ CC   cc        2   and          O
rent         NOUN  NN   conj      2   rent         O
,            PUNCT ,    punct     0   ,            O
are          AUX   VBP  ROOT      7   be           O
the          DET   DT   det       10  the          O
three        NUM   CD   nummod    10  three        B-CARDINAL
sources      NOUN  NNS  attr      7   source       O
.            PUNCT .    punct     7   .            O
"""

FIVE_POWER = """
The          DET   DT   det       1   the          O
country      NOUN  NN   nsubj     2   country      O
joined       VERB  VBD  ROOT      2   join         O
the          DET   DT   det       7   the          O
Five         NUM   CD   nummod    7   five         B-CARDINAL
Power        PROPN NNP  compound  7   power        O
Defence      PROPN NNP  compound  7   defence      O
Arrangements PROPN NNPS dobj      2   arrangement  O
with         ADP   IN   prep      2   with         O
300          NUM   CD   nummod    10  300          B-CARDINAL
troops       NOUN  NNS  pobj      8   troop        O
.            PUNCT .    punct     2   .            O
"""

HOWEVER = """
However      ADV   RB   advmod    5   however      O
,            PUNCT ,    punct     5   ,            O
in           ADP   IN   prep      5   in           O
2014         NUM   CD   pobj      2   2014         B-DATE
protests     NOUN  NNS  nsubj     5   protest      O
began        VERB  VBD  ROOT      5   begin        O
in           ADP   IN   prep      5   in           O
the          DET   DT   det       8   the          O
city         NOUN  NN   pobj      6   city         O
after        ADP   IN   prep      5   after        O
the          DET   DT   det       11  the          O
election     NOUN  NN   pobj      9   election     O
.            PUNCT .    punct     5   .            O
"""
