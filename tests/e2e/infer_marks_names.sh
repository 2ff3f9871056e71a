#!/usr/bin/env bash
# End-to-end: `leadc infer` never picks silently between a thousands separator and a
# decimal mark (decision 96), drafts a file whose header repeats (decision 97), and
# writes accented headers in ASCII (decision 98). Each draft checks and reads the file.
# Invoked by CTest as: infer_marks_names.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"

draft_reads() {  # NAME CSV EXTRA-LEAD-TEXT: the draft (in $T/out) checks and reads every row
  local name=$1 file=$2 extra=$3
  cp "$T/out" "$T/$name.draft"
  { cat "$T/$name.draft"; printf '%s\n' "$extra"; } > "$T/$name.lead"
  expect_exit "$name: the draft checks" 0 "$LEADC" check "$T/$name.lead"
  expect_exit "$name: the draft reads the whole file" 0 "$LEADC" run "$T/$name.lead" --leads "$file" -o "$T/$name.out.csv"
  contains "$name: no row rejected" "$T/err" ' 0 rejected'
}

# F14: German thousands in a `;` file. Every cell also reads as a plain number; the
# delimiter settles it, and a comment says so and gives the other reading.
printf 'ID;Mitarbeiter;Umsatz\n1;1.200;1.234\n2;2.500;12.000\n3;12;999\n4;350;5.000\n' > "$T/gi.csv"
expect_exit "infer a ; file with 1.200" 0 "$LEADC" infer "$T/gi.csv"
contains "... thousands: int format 1.234" "$T/out" 'mitarbeiter: int format "1.234" from "Mitarbeiter"'
contains "... says why and the other reading" "$T/out" '// "1.200" read as 1200 with format "1.234", since the file is `;`-separated; it would be 1.2 with `number`: check which one the file means'
contains "... the second column too" "$T/out" '// "1.234" read as 1234 with format "1.234"'
draft_reads gi "$T/gi.csv" 'output id, mitarbeiter, umsatz'
expect_eq "gi: 1.200 is 1200 and 12.000 is 12000" "$(printf 'id,mitarbeiter,umsatz\n1,1200,1234\n2,2500,12000\n3,12,999\n4,350,5000')" "$(cat "$T/gi.out.csv")"

# The same cells in a `,` file with nothing else to go by: the first reading stays,
# and the comment names both.
printf 'id,staff\n1,1.200\n2,12.000\n3,999\n' > "$T/plain.csv"
expect_exit "infer a , file with 1.200" 0 "$LEADC" infer "$T/plain.csv"
contains "... number, the first reading" "$T/out" 'staff: number'
contains "... the comment names both readings" "$T/out" '// "1.200" is 1.2 with `number` or 1200 with format "1.234": nothing in the file settles whether `.` is a decimal mark, check which one it means'
draft_reads plain "$T/plain.csv" 'output id, staff'

# A column with a decimal point elsewhere in a `,` file settles it the other way.
printf 'id,staff,rate\n1,1.200,0.5\n2,12.000,1.25\n' > "$T/point.csv"
expect_exit "infer with a decimal-point column" 0 "$LEADC" infer "$T/point.csv"
contains "... staff stays a number, settled by rate" "$T/out" '// "1.200" read as 1.2 with `number`, since column "rate" has "0.5"; it would be 1200 with format "1.234"'
# A decimal comma elsewhere in a `,` file says `,`.
printf 'id,staff,rate\n1,1.200,"0,5"\n2,12.000,"1,25"\n' > "$T/comma.csv"
expect_exit "infer with a decimal-comma column" 0 "$LEADC" infer "$T/comma.csv"
contains "... staff as thousands, settled by rate" "$T/out" 'since column "rate" has "0,5"'
draft_reads comma "$T/comma.csv" 'output id, staff, rate'
# A cell that proves the mark leaves no comment: 1.234.567 (thousands), 0.25 (decimal).
printf 'id;a;b\n1;1.234.567;0.25\n2;1.200;1.500\n' > "$T/proof.csv"
expect_exit "infer cells that settle it" 0 "$LEADC" infer "$T/proof.csv"
contains "... 1.234.567: thousands" "$T/out" 'a:  int format "1.234"'
count_is "... no comment for a proven column" "$T/out" '"1.234.567"' 0
count_is "... b is settled by its 0.25" "$T/out" 'it would be' 0

# F6: a repeated header gets no field and a comment; the draft reads the whole file.
printf 'id,Name,Name,Email,,Email,n\n1,a,b,x@example.com,,y@example.com,3\n2,c,d,z@example.com,,w@example.com,4\n' > "$T/rep.csv"
expect_exit "infer a repeated header" 0 "$LEADC" infer "$T/rep.csv"
contains "... comment for Name" "$T/out" '// no field for columns 2 and 3 ("Name" 2 times: a field reads a column by its header, so rename them in the file, e.g. "Name" and "Name 2", to read them)'
contains "... comment for Email" "$T/out" '// no field for columns 4 and 6 ("Email" 2 times'
contains "... the empty header" "$T/out" '// no field for column 5 (no header)'
count_is "... no field named name" "$T/out" '  name' 0
draft_reads rep "$T/rep.csv" 'output id, n'

# F15: accented headers in ASCII.
printf 'Référence;Société;CA;Date création;Straße;Größe;Ñandú;Øre;Cœur;日本\n1;a;2;x;s;3;n;o;c;j\n2;b;3;y;t;4;m;p;d;k\n' > "$T/fr.csv"
expect_exit "infer accented headers" 0 "$LEADC" infer "$T/fr.csv"
for f in 'reference:' 'societe:' 'date_creation:' 'strasse:' 'groesse:' 'nandu:' 'ore:' 'coeur:' 'column_10:'; do
  contains "... $f" "$T/out" "  $f"
done
draft_reads fr "$T/fr.csv" 'output reference, societe, strasse, groesse, nandu, coeur, column_10'
finish
