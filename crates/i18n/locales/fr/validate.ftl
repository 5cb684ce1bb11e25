# Validation report messages (French). Each message may have a .hint attribute that
# says how to fix the problem.

## Titles of the error types, shown beside each finding.

title-type-error = Valeur d'un type inattendu
title-constraint-error = Règle du schéma non respectée
title-missing-cell = Cellule manquante
title-extra-cell = Cellule en trop
title-blank-row = Ligne vide
title-blank-header = En-tête vide
title-blank-label = Nom de colonne vide
title-duplicate-label = Nom de colonne en double
title-missing-label = Colonne manquante
title-extra-label = Colonne inconnue du schéma
title-unmatched-header = En-tête sans rapport avec le schéma
title-disordered-header = Colonnes dans un ordre différent
title-unique-error = Valeur en double
title-primary-key = Clé primaire non respectée
title-foreign-key = Référence introuvable
title-encoding-error = Caractères illisibles
title-control-character = Caractère de contrôle
title-source-error = Fichier illisible
title-spreadsheet-error-cell = Cellule en erreur dans le tableur
title-custom-check-error = Format invalide
title-check-error = Contrôle du schéma inutilisable
title-year-interval-value = Intervalle d'années incorrect
title-sum-columns-value = Somme incorrecte
title-compare-columns-value = Comparaison de colonnes non respectée
title-cohesive-columns-value = Colonnes à remplir ensemble
title-one-of-required = Une des deux colonnes est requise
title-phone-number-value = Numéro de téléphone incorrect
title-opening-hours-value = Horaires d'ouverture incorrects
title-french-gps-coordinates = Coordonnées hors de France
title-reversed-french-gps-coordinates = Longitude et latitude inversées
title-deprecated-custom-check = Contrôle du schéma renommé
title-unsupported-custom-check = Contrôle du schéma non pris en charge

## Header

blank-header = La première ligne du fichier est vide : elle devrait contenir les noms des colonnes.
    .hint = Supprimez les lignes vides du début du fichier pour que la première ligne donne le nom de chaque colonne.
blank-label = La colonne { $position } n'a pas de nom.
    .hint = Donnez un nom à cette colonne dans la première ligne, ou supprimez-la si elle est vide.
duplicate-label = Le nom de colonne « { $label } » apparaît deux fois (colonnes { $first } et { $position }).
    .hint = Renommez ou supprimez l'une des deux colonnes : chaque nom de colonne doit être unique.
unmatched-header = Aucune colonne du fichier ne porte un nom attendu par le schéma.
    .hint = { $case ->
        [yes] Les noms ne diffèrent que par les majuscules et minuscules : écrivez-les exactement comme le schéma ({ $expected }), ou validez avec l'option --ignore-header-case.
       *[other] Vérifiez que vous avez choisi le bon schéma. La première ligne doit contenir les noms exacts des colonnes : { $expected }.
    }
missing-label-required = La colonne obligatoire « { $field } » est absente du fichier.{ $suggestion ->
        [none] {""}
       *[other] {" "}Vouliez-vous dire « { $suggestion } » ?
    }
    .hint = Ajoutez une colonne nommée exactement « { $field } » dans la première ligne, ou renommez la colonne qui en tient lieu.
missing-label-optional = La colonne facultative « { $field } » est absente du fichier.{ $suggestion ->
        [none] {""}
       *[other] {" "}Vouliez-vous dire « { $suggestion } » ?
    }
    .hint = Vous pouvez ajouter une colonne « { $field } », même vide, pour suivre le schéma complet.
extra-label = La colonne « { $label } » ne fait pas partie du schéma ; son contenu n'est pas vérifié.{ $suggestion ->
        [none] {""}
       *[other] {" "}Vouliez-vous dire « { $suggestion } » ?
    }
    .hint = Renommez-la si elle correspond à une colonne du schéma, sinon supprimez-la avant publication.
disordered-header = Les colonnes sont toutes présentes, mais dans un ordre différent de celui du schéma.
    .hint = Rangez de préférence les colonnes dans l'ordre du schéma : { $expected }.

## Rows and cells

blank-row = Cette ligne est vide.
    .hint = Supprimez la ligne, ou remplissez-la si des données y manquent.
missing-cell = La ligne s'arrête avant la colonne « { $field } » : il manque une cellule.
    .hint = Vérifiez les séparateurs de la ligne : une cellule a sans doute été oubliée ou fusionnée avec sa voisine.
extra-cell = La ligne compte plus de cellules que l'en-tête ({ $width } colonnes) : « { $value } » est en trop.
    .hint = Vérifiez les séparateurs : une valeur contenant le séparateur doit être entourée de guillemets.
encoding-error = Cette ligne contient des octets illisibles dans l'encodage du fichier ; ils ont été remplacés par « � ».
    .hint = Enregistrez le fichier en UTF-8 (dans Excel : « Enregistrer sous », type « CSV UTF-8 »).
control-character = La cellule contient un caractère de contrôle invisible ({ $code }, position { $position }).
    .hint = Supprimez ce caractère : il provient souvent d'un copier-coller ou d'un export défectueux.
spreadsheet-error-cell = La cellule contient une erreur du tableur (« { $value } »).
    .hint = Corrigez la formule dans le tableur ou remplacez-la par sa valeur.

## Types

type-error-string = La valeur « { $value } » n'est pas { $format ->
        [email] une adresse électronique valide
        [uri] une adresse web valide (elle doit commencer par https:// ou http://)
        [uuid] un identifiant UUID valide
        [binary] un contenu encodé en base64 valide
       *[other] un texte valide
    }.
    .hint = { $format ->
        [email] Écrivez une adresse de la forme nom@domaine.fr, sans espace.
        [uri] Écrivez l'adresse complète, par exemple https://www.exemple.fr/page.
        [uuid] Un UUID compte 32 chiffres hexadécimaux, par exemple 3f2b8c1e-0a4d-4c5e-9f7a-2b1c3d4e5f60.
       *[other] Vérifiez le contenu de la cellule.
    }
type-error-number = La valeur « { $value } » n'est pas un nombre.
    .hint = { $hint ->
        [decimal-comma] Utilisez le point comme séparateur décimal : « { $corrected } ».
        [thousands-separator] N'utilisez pas de séparateur de milliers : écrivez les chiffres sans espace ni point.
        [surrounding-spaces] Supprimez les espaces autour du nombre.
       *[other] Écrivez un nombre avec un point décimal, sans unité ni espace, par exemple 1234.56.
    }
type-error-integer = La valeur « { $value } » n'est pas un nombre entier.
    .hint = { $hint ->
        [surrounding-spaces] Supprimez les espaces autour du nombre.
        [thousands-separator] N'utilisez pas de séparateur de milliers : écrivez les chiffres sans espace ni point.
        [not-an-integer] Cette colonne attend un nombre entier : retirez la partie décimale (12 et non 12.0).
       *[other] Écrivez un nombre entier sans décimale, sans unité ni espace, par exemple 42.
    }
type-error-boolean = La valeur « { $value } » n'est pas une valeur oui/non acceptée.
    .hint = { $hint ->
        [surrounding-spaces] Supprimez les espaces autour de la valeur. Valeurs acceptées : { $true } pour oui ; { $false } pour non.
       *[other] Écrivez l'une des valeurs acceptées : { $true } pour oui ; { $false } pour non (en respectant les majuscules).
    }
type-error-object = La valeur « { $value } » n'est pas un objet JSON valide.
    .hint = Écrivez un objet JSON entre accolades, par exemple {"{"}"cle": "valeur"{"}"}.
type-error-array = La valeur « { $value } » n'est pas une liste JSON valide, ou un de ses éléments n'est pas accepté.
    .hint = { $hint ->
        [array-not-json] Écrivez la liste au format JSON : { $corrected }.
       *[other] Écrivez une liste JSON entre crochets, les textes entre guillemets droits, par exemple ["valeur 1","valeur 2"].
    }
type-error-list = La valeur « { $value } » n'est pas une liste valide.
    .hint = Séparez les éléments par le séparateur prévu par le schéma.
type-error-date = La valeur « { $value } » n'est pas une date au format { $pattern }.
    .hint = { $hint ->
        [other-date-format] Écrivez la date au format { $pattern } : « { $corrected } ».
        [surrounding-spaces] Supprimez les espaces autour de la date.
       *[other] Écrivez une date réelle au format { $pattern } (AAAA l'année, MM le mois, JJ le jour), par exemple { $sample }.
    }
type-error-time = La valeur « { $value } » n'est pas une heure au format { $pattern }.
    .hint = Écrivez l'heure au format { $pattern } (hh les heures, mm les minutes, ss les secondes), par exemple 09:30:00.
type-error-datetime = La valeur « { $value } » n'est pas une date et heure au format { $pattern }.
    .hint = { $hint ->
        [other-date-format] Écrivez-la au format { $pattern } : « { $corrected } ».
       *[other] Écrivez la date puis l'heure, séparées par T, par exemple 2024-07-14T09:30:00 ou 2024-07-14T09:30:00+02:00.
    }
type-error-year = La valeur « { $value } » n'est pas une année sur quatre chiffres.
    .hint = { $hint ->
        [surrounding-spaces] Supprimez les espaces autour de l'année.
       *[other] Écrivez l'année seule, sur quatre chiffres, par exemple 2024.
    }
type-error-yearmonth = La valeur « { $value } » n'est pas un mois au format AAAA-MM.
    .hint = Écrivez l'année puis le mois, par exemple 2024-07.
type-error-duration = La valeur « { $value } » n'est pas une durée au format ISO 8601.
    .hint = Écrivez une durée comme P1D (un jour), PT2H30M (deux heures trente) ou P1Y2M (un an et deux mois).
type-error-geopoint = La valeur « { $value } » n'est pas un point géographique valide.
    .hint = { $format ->
        [array] Écrivez [longitude,latitude] en degrés décimaux avec un point, par exemple [2.3522,48.8566].
        [object] Écrivez {"{"}"lon": 2.3522, "lat": 48.8566{"}"}.
       *[other] Écrivez « longitude,latitude » en degrés décimaux avec un point, par exemple 2.3522,48.8566.
    }
type-error-geojson = La valeur « { $value } » n'est pas une géométrie GeoJSON valide.
    .hint = Écrivez un objet GeoJSON, par exemple {"{"}"type": "Point", "coordinates": [2.35, 48.85]{"}"}.
type-error-any = La valeur « { $value } » n'a pas pu être lue.
    .hint = Vérifiez le contenu de la cellule.

## Constraints

constraint-required = La colonne « { $field } » est obligatoire, mais cette cellule est vide.
    .hint = Remplissez la cellule : le schéma exige une valeur sur chaque ligne.
constraint-unique = La valeur « { $value } » doit être unique dans la colonne « { $field } ».
    .hint = Chaque ligne doit avoir une valeur différente dans cette colonne.
constraint-min-length = Le texte « { $value } » est trop court : { $length } caractères, au moins { $limit } attendus.
    .hint = Complétez la valeur pour qu'elle compte au moins { $limit } caractères.
constraint-max-length = Le texte « { $value } » est trop long : { $length } caractères, au plus { $limit } autorisés.
    .hint = Raccourcissez la valeur à { $limit } caractères au plus.
constraint-minimum = La valeur { $value } est trop petite : le minimum est { $limit }.
    .hint = Vérifiez la valeur : elle doit être supérieure ou égale à { $limit }.
constraint-maximum = La valeur { $value } est trop grande : le maximum est { $limit }.
    .hint = Vérifiez la valeur : elle doit être inférieure ou égale à { $limit }.
constraint-exclusive-minimum = La valeur { $value } doit être strictement supérieure à { $limit }.
    .hint = Vérifiez la valeur : elle doit dépasser { $limit }.
constraint-exclusive-maximum = La valeur { $value } doit être strictement inférieure à { $limit }.
    .hint = Vérifiez la valeur : elle doit rester sous { $limit }.
constraint-pattern = La valeur « { $value } » n'a pas la forme attendue pour la colonne « { $field } ».
    .hint = { $example ->
        [none] La valeur doit respecter l'expression régulière { $limit }.
       *[other] Exemple de valeur correcte : « { $example } ». Forme exigée (expression régulière) : { $limit }.
    }
constraint-enum = La valeur « { $value } » ne fait pas partie des valeurs autorisées pour la colonne « { $field } ».
    .hint = { $count ->
        [one] La seule valeur autorisée est : { $allowed }.
       *[other] Choisissez l'une des valeurs autorisées, en respectant majuscules et accents : { $allowed }.
    }

## Rules across rows

unique-error = La valeur « { $value } » de la colonne « { $field } » figure déjà ligne { $first }.
    .hint = Chaque valeur de cette colonne doit être unique : corrigez ou supprimez le doublon.
primary-key-missing = Cette ligne n'a pas d'identifiant : toutes les cellules de la clé primaire sont vides.
    .hint = Remplissez l'identifiant de la ligne.
primary-key-duplicate = L'identifiant « { $value } » figure déjà ligne { $first }.
    .hint = Chaque ligne doit avoir un identifiant différent : corrigez ou supprimez le doublon.
foreign-key = La valeur « { $value } » de { $fields } ne correspond à aucune ligne référencée.
    .hint = Vérifiez la valeur, ou ajoutez la ligne à laquelle elle renvoie.

## Report

report-truncated = La validation s'est arrêtée après { $max ->
        [one] { $max } erreur
       *[other] { $max } erreurs
    } ; le reste du fichier n'a pas été vérifié.
text-valid = ✔ { $file } est valide : { $rows ->
        [one] { $rows } ligne
       *[other] { $rows } lignes
    } de données, { $columns ->
        [one] { $columns } colonne
       *[other] { $columns } colonnes
    }{ $warnings ->
        [0] .
        [1] , 1 avertissement.
       *[other] , { $warnings } avertissements.
    }
text-invalid = ✘ { $file } n'est pas valide : { $truncated ->
        [yes] au moins{" "}
       *[no] {""}
    }{ $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    } sur { $rows ->
        [one] { $rows } ligne
       *[other] { $rows } lignes
    } de données et { $columns ->
        [one] { $columns } colonne
       *[other] { $columns } colonnes
    }.
text-read-as = Lu comme { $format }, encodage { $encoding }{ $delimiter ->
        [none] .
        [tab] , séparateur tabulation.
       *[other] , séparateur « { $delimiter } ».
    }
text-schema = Schéma : { $title } { $version } ({ $reference }).
text-truncated = Attention : la validation s'est arrêtée à la ligne { $row } après { $max ->
        [one] { $max } erreur
       *[other] { $max } erreurs
    }. Corrigez-les puis relancez, ou augmentez la limite avec --max-errors.
text-errors-heading = Erreurs ({ $count }) :
text-warnings-heading = Avertissements ({ $count }) :
text-group-file = Fichier et lignes entières
text-group-column = Colonne « { $name } » { $number ->
        [0] (absente du fichier)
       *[other] (n° { $number })
    }
text-group-schema = Schéma
text-rows = { $count ->
        [one] ligne { $rows }
       *[other] { $count } fois, lignes { $rows }{ $more ->
            [0] {""}
           *[other] {" "}et { $more } autres
        }
    }
text-more-values = … et { $count } autres valeurs de ce type, lignes { $rows }{ $more ->
        [0] {""}
       *[other] {" "}et { $more } autres
    }.
