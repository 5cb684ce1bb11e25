# Messages about reading a file (French): why a file cannot be read, and problems
# confined to one record. Sizes are in bytes; line and column numbers start at 1.

## The file cannot be read.

read-io = Le fichier n'a pas pu être lu ({ $detail }). Réessayez l'envoi ; si l'erreur revient, le fichier est sans doute abîmé.
read-not-found = Le fichier est introuvable. Vérifiez son nom et le dossier où il se trouve.
read-permission-denied = Le fichier ne peut pas être lu : l'accès est refusé. Vérifiez les droits de lecture du fichier.
read-is-directory = Le chemin indiqué est un dossier, pas un fichier. Indiquez le chemin du fichier à lire.
read-not-regular-file = Le chemin indiqué n'est pas un fichier ordinaire (tube, périphérique…). Enregistrez d'abord les données dans un fichier, puis indiquez son chemin.
read-empty-file = Le fichier est vide : il ne contient aucune ligne. Vérifiez qu'il s'agit du bon fichier.
read-unsupported-format = Ce format de fichier n'est pas pris en charge ({ $kind }). Enregistrez le tableau au format CSV, TSV, XLSX, XLS ou ODS, puis réessayez.
read-binary-content = Le fichier n'est pas un tableau : son contenu est celui d'un fichier { $kind }. Vérifiez qu'il s'agit du bon fichier, au format CSV, TSV, XLSX, XLS ou ODS.
read-record-too-large = Une ligne commençant à la ligne { $line } du fichier dépasse la taille maximale de { $limit } octets. Le plus souvent, un guillemet ouvert à cette ligne n'est jamais refermé : vérifiez les guillemets de cette ligne.
read-too-many-columns = L'en-tête compte { $count } colonnes, au-delà du maximum de { $limit }. Vérifiez le séparateur de colonnes et que la première ligne contient bien les noms des colonnes.
read-decompressed-too-large = Une fois décompressé, le fichier dépasse la taille maximale de { $limit } octets. Envoyez un fichier plus petit, par exemple découpé en plusieurs parties.
read-spreadsheet-too-large = Le classeur pèse { $size } octets, au-delà du maximum de { $limit } octets pour un tableur. Enregistrez la feuille au format CSV, qui n'a pas cette limite, puis réessayez.
read-sheet-too-large = La feuille compte plus de { $limit } cellules, le maximum pour un tableur. Enregistrez la feuille au format CSV, qui n'a pas cette limite, puis réessayez.
read-sheet-not-found = La feuille « { $name } » est introuvable dans le classeur. Feuilles présentes : { $available }.
read-no-sheet = Le classeur ne contient aucune feuille. Vérifiez qu'il s'agit du bon fichier.
read-spreadsheet-invalid = Le tableur n'a pas pu être lu ({ $detail }). Ouvrez-le dans votre tableur, enregistrez-le de nouveau, puis réessayez.

## A problem in one record; reading goes on.

read-record-encoding-error = { $field_number ->
        [none] Cette ligne contient
       *[other] La colonne { $field_number } contient
    } des octets illisibles dans l'encodage du fichier ; ils ont été remplacés par « � ». Enregistrez le fichier en UTF-8 depuis votre tableur.
read-record-spreadsheet-error-cell = La cellule de la colonne { $field_number } contient une erreur du tableur (« { $value } »). Corrigez la formule ou saisissez la valeur.
read-record-unterminated-quote = Le fichier se termine à l'intérieur d'un guillemet ouvert à la ligne { $line }. Refermez ce guillemet.
read-record-too-many-columns = Cette ligne compte { $count } colonnes, au-delà du maximum de { $limit } ; les colonnes suivantes sont ignorées. Vérifiez le séparateur de colonnes de cette ligne.
