// LeadSpec.g4 — the syntax of the lead definition language (../shared/LANGUAGE.md).
// This is the only place the syntax lives. compiler/syntax/build_ast.cpp turns the
// parse tree into the AST and compiler/syntax/format.cpp prints it back canonically;
// nothing else sees ANTLR types.
grammar LeadSpec;

file_ : decl* EOF ;

decl
  : definitionDecl
  | importDecl
  | typeDecl
  | leadDecl
  | activityDecl
  | constDecl
  | termDecl
  | scoreDecl
  | classifyDecl
  | outputDecl
  | exampleDecl
  ;

definitionDecl : DEFINITION STRING (VERSION STRING)? (OWNER STRING)? ;

importDecl
  : IMPORT STD '.' ident      # importStd
  | IMPORT STRING             # importPath
  ;

typeDecl : TYPE ident '=' enumType ;

enumType : ENUM '{' enumMember (',' enumMember)* ','? '}' ;

// `mql "Marketing Qualified Lead"`: a member and, optionally, the text a file uses for
// it. Any keyword may be a member's name here (LANGUAGE.md section 9); expressions can
// name the ones `ident` allows.
enumMember : memberName spelling=STRING? ;

memberName : ident | reservedWord ;

leadDecl     : LEAD '{' fieldDecl* '}' ;
activityDecl : ACTIVITY '{' fieldDecl* '}' ;

fieldDecl : ident ':' typeRef optional='?'? fieldOption* ;

fieldOption
  : KEY               # keyOption
  | IN ident          # unitOption
  | FROM STRING       # fromOption
  | FORMAT STRING     # formatPatternOption   // format "MM/DD/YYYY"
  | FORMAT ident      # formatNamedOption     // format epoch_millis
  | ZONE STRING       # zoneOption            // zone "America/New_York"
  | SEPARATOR STRING  # separatorOption       // separator "|" (a set's cells)
  ;

typeRef
  : ident '(' ident ')'   # parameterisedType   // money(USD)
  | enumType              # inlineEnumType
  | SET OF setElement     # setType             // set of product, set of enum { a, b }
  | ident                 # namedType
  ;

setElement
  : enumType              # inlineSetElement
  | ident                 # namedSetElement
  ;

// `[crm, cms]`: the members a `has any` / `has all` names, and a set's value in a
// `given` block (`products: [crm, cms]`, `[]` for the empty set).
memberList : '[' (ident (',' ident)* ','?)? ']' ;

constDecl : CONST ident '=' expr ;

termDecl : TERM ident '=' expr ;

scoreDecl : SCORE ident ('(' lo=signedNumber '..' hi=signedNumber ')')? '{' scoreItem* '}' ;

scoreItem
  : sign=('+' | '-') amount=number WHEN expr                                  # whenRule
  | sign=('+' | '-') amount=number PER expr (MAX cap=number)?                 # perRule
  | DECAY HALF_LIFE expr                                                      # decayRule
  ;

classifyDecl : CLASSIFY ident '(' strategy ')' '{' labelRule* '}' ;

strategy
  : FIRST MATCH   # firstMatch
  | UNIQUE        # unique
  ;

labelRule
  : label WHEN expr   # whenLabel
  | label OTHERWISE   # otherwiseLabel
  ;

label : ident | NUMBER ;

outputDecl : OUTPUT ident (',' ident)* ;

exampleDecl : EXAMPLE STRING '{' givenBlock eventsBlock? asOfClause? expectClause? '}' ;

// `as_of 2026-11-22T12:00:00Z`: the as-of time the example runs at (a date is its
// midnight UTC); without it, `leadc test --as-of` (default: now).
asOfClause : AS_OF expr ;

givenBlock : GIVEN '{' (binding (',' binding)* ','?)? '}' ;

binding : ident ':' (expr | memberList) ;

// `events { { kind: demo_request, at: 2026-11-20T10:00:00Z }, … }`: the lead's events,
// one record of `activity` fields each (LANGUAGE.md section 10); the key may be left out.
eventsBlock : EVENTS '{' (eventRecord (',' eventRecord)* ','?)? '}' ;

eventRecord : '{' (binding (',' binding)* ','?)? '}' ;

expectClause : EXPECT expectation (',' expectation)* ;

// `expect NAME OP VALUE` or `expect NAME in [V, …]` (LANGUAGE.md section 10).
expectation
  : ident op=('==' | '!=' | '<' | '<=' | '>' | '>=') expr
  | ident IN '[' expr (',' expr)* ','? ']'
  ;

// Expressions, loosest binding last. `within` sits with the comparisons so that
// `kind == webinar_attend within 90 days` reads as (kind == webinar_attend) within 90 days.
expr
  : primary                                                       # primaryExpr
  | op=('-' | '+') expr                                           # unaryExpr
  | expr op=('*' | '/') expr                                      # mulExpr
  | expr op=('+' | '-') expr                                      # addExpr
  | expr IS NOT? (MISSING | KNOWN)                                # isExpr
  | expr IS NOT? EMPTY                                            # isEmptyExpr
  | expr HAS quantifier=(ANY | ALL) memberList                    # hasSomeExpr
  | expr HAS ident                                                # hasExpr
  | expr NOT? IN lo=expr '..' hi=expr                             # rangeExpr
  | expr NOT? IN '[' expr (',' expr)* ','? ']'                    # listExpr
  | expr op=(STARTS_WITH | ENDS_WITH | CONTAINS) expr             # textExpr
  | expr op=('==' | '!=' | '<' | '<=' | '>' | '>=') expr          # compareExpr
  | expr WITHIN expr                                              # withinExpr
  | NOT expr                                                      # notExpr
  | expr AND expr                                                 # andExpr
  | expr OR expr                                                  # orExpr
  ;

primary
  : number unit=ident                                             # quantityLit
  | number                                                        # numberLit
  | STRING                                                        # stringLit
  | DATE_LIT                                                      # dateLit
  | (TRUE | FALSE)                                                # boolLit
  | MISSING                                                       # missingLit
  | KNOWN '(' expr (',' expr)* ')'                                # knownCall
  | aggregateName '(' ACTIVITY ('.' ident)? (WHERE expr)? (WITHIN within=expr)? ')' # aggregateCall
  | ident '(' expr (',' expr)* ')'                                # call
  | ident                                                         # nameRef
  | '(' expr ')'                                                  # parenExpr
  ;

aggregateName : COUNT | ANY | NONE | SUM | LATEST | EARLIEST ;

number : NUMBER ;
signedNumber : '-'? NUMBER ;

// Words that are keywords in one place but fine as names everywhere else (a CRM's
// `lead` stage, an `activity` or `score` column), but none that an expression gives a
// meaning to. `term`, `const`, `classify`, `definition` and `import` stay reserved so
// that a block left open before them is reported where the next declaration starts.
// compiler/syntax/error_listener.cpp keeps these out of "expected" lists.
ident
  : ID
  | VERSION | OWNER | KEY | FROM | FIRST | MATCH | UNIQUE | PER | MAX | COUNT | ANY
  | NONE | SUM | LATEST | EARLIEST | DECAY | HALF_LIFE | GIVEN | EXPECT | STD | TYPE | AS_OF | EVENTS
  | ENUM | LEAD | ACTIVITY | SCORE | OUTPUT | EXAMPLE | FORMAT | ZONE
  | SET | OF | HAS | ALL | EMPTY | SEPARATOR
  ;

// The keywords `ident` leaves out (an expression's own words): still fine as a member
// name in an enum's declaration, where nothing else can stand.
reservedWord
  : WHEN | OTHERWISE | AND | OR | NOT | IN | IS | MISSING | KNOWN | TRUE | FALSE
  | STARTS_WITH | ENDS_WITH | CONTAINS | WITHIN | WHERE
  | TERM | CONST | CLASSIFY | DEFINITION | IMPORT
  ;

// ---- lexer ----------------------------------------------------------------------
DEFINITION : 'definition' ;
VERSION    : 'version' ;
OWNER      : 'owner' ;
IMPORT     : 'import' ;
STD        : 'std' ;
TYPE       : 'type' ;
ENUM       : 'enum' ;
LEAD       : 'lead' ;
ACTIVITY   : 'activity' ;
KEY        : 'key' ;
FROM       : 'from' ;
CONST      : 'const' ;
TERM       : 'term' ;
SCORE      : 'score' ;
PER        : 'per' ;
MAX        : 'max' ;
DECAY      : 'decay' ;
HALF_LIFE  : 'half_life' ;
CLASSIFY   : 'classify' ;
FIRST      : 'first' ;
MATCH      : 'match' ;
UNIQUE     : 'unique' ;
WHEN       : 'when' ;
OTHERWISE  : 'otherwise' ;
OUTPUT     : 'output' ;
EXAMPLE    : 'example' ;
GIVEN      : 'given' ;
EVENTS     : 'events' ;
AS_OF      : 'as_of' ;
EXPECT     : 'expect' ;
AND        : 'and' ;
OR         : 'or' ;
NOT        : 'not' ;
IN         : 'in' ;
IS         : 'is' ;
MISSING    : 'missing' ;
KNOWN      : 'known' ;
TRUE       : 'true' ;
FALSE      : 'false' ;
STARTS_WITH: 'starts_with' ;
ENDS_WITH  : 'ends_with' ;
CONTAINS   : 'contains' ;
WITHIN     : 'within' ;
WHERE      : 'where' ;
COUNT      : 'count' ;
ANY        : 'any' ;
NONE       : 'none' ;
SUM        : 'sum' ;
LATEST     : 'latest' ;
EARLIEST   : 'earliest' ;
FORMAT     : 'format' ;
ZONE       : 'zone' ;
SET        : 'set' ;
OF         : 'of' ;
HAS        : 'has' ;
ALL        : 'all' ;
EMPTY      : 'empty' ;
SEPARATOR  : 'separator' ;

// 2026-11-22 or 2026-11-22T09:30:00Z; must come before NUMBER to win on equal length.
DATE_LIT : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT
           ('T' DIGIT DIGIT ':' DIGIT DIGIT (':' DIGIT DIGIT ('.' DIGIT+)?)? ('Z' | [+-] DIGIT DIGIT ':' DIGIT DIGIT)?)? ;

// 90, 3.5, 1_000_000, 250k, 5M, 2B. `50..5000` lexes as 50 '..' 5000.
NUMBER : DIGIT (DIGIT | '_')* ('.' DIGIT (DIGIT | '_')*)? [kMB]? ;

STRING : '"' (~["\\\r\n] | '\\' ["\\nt])* '"' ;

ID : [a-zA-Z_] [a-zA-Z_0-9]* ;

// Comments go to the hidden channel: the parser never sees them, the formatter does.
LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
WS : [ \t\r\n\u000C]+ -> skip ;

// Anything else becomes one token so the parser reports it with a position.
UNKNOWN_CHAR : . ;

fragment DIGIT : [0-9] ;
