# Validata's custom checks (the `custom_checks` of a schema): findings in the data and
# problems in the declarations. Each message has a `.hint` that says how to fix it.

## SIRET and SIREN

check-siret-checksum = Le SIRET « { $value } » de la colonne { $column } n'est pas valide : sa clé de contrôle est fausse.
    .hint = Vérifiez le numéro sur l'annuaire des entreprises ; un SIRET compte 14 chiffres, sans espace, et ses 9 premiers chiffres sont le SIREN.
check-siret-length = Le SIRET « { $value } » de la colonne { $column } compte { $digits } chiffres au lieu de 14.
    .hint = Saisissez les 14 chiffres du SIRET en texte : un tableur qui l'enregistre comme nombre peut ôter les zéros de tête ou ajouter « .0 ».
check-siret-characters = Le SIRET « { $value } » de la colonne { $column } contient d'autres caractères que des chiffres.
    .hint = Un SIRET ne contient que 14 chiffres ; retirez lettres, tirets et autres signes (les espaces et les points sont tolérés).
check-siren-checksum = Le SIREN « { $value } » de la colonne { $column } n'est pas valide : sa clé de contrôle est fausse.
    .hint = Vérifiez le numéro sur l'annuaire des entreprises ; un SIREN compte 9 chiffres, sans espace.
check-siren-length = Le SIREN « { $value } » de la colonne { $column } compte { $digits } chiffres au lieu de 9.
    .hint = Un SIREN compte 9 chiffres ; un SIRET (14 chiffres) n'est pas attendu dans cette colonne.
check-siren-characters = Le SIREN « { $value } » de la colonne { $column } contient d'autres caractères que des chiffres.
    .hint = Un SIREN ne contient que 9 chiffres ; retirez lettres, tirets et autres signes (les espaces et les points sont tolérés).

## Nomenclature ACTES

check-actes-slash-missing = La matière « { $value } » de la colonne { $column } n'a pas de barre oblique « / » entre la matière et la sous-matière.
    .hint = Écrivez la matière ACTES, une barre oblique, puis la sous-matière, par exemple « Finances locales/Fiscalité ».
check-actes-space-around-slash = La matière « { $value } » de la colonne { $column } a une espace avant ou après la barre oblique « / ».
    .hint = Collez la barre oblique à la matière et à la sous-matière, par exemple « Finances locales/Fiscalité ».
check-actes-unknown-matter = « { $matter } », dans « { $value } » de la colonne { $column }, n'est pas une matière de la nomenclature ACTES.
    .hint = La partie avant « / » doit être l'une des 9 matières : Commande publique, Urbanisme, Domaine et patrimoine, Fonction publique, Institutions et vie politique, Libertés publiques et pouvoirs de police, Finances locales, Domaines de compétences par thèmes, Autres domaines de compétences.

## GPS coordinates

check-gps-outside-france = Le point de la colonne { $column } (longitude { $lon }, latitude { $lat }) n'est ni en France métropolitaine ni dans un département d'outre-mer.
    .hint = Vérifiez les coordonnées : longitude puis latitude, en degrés décimaux, avec un point comme séparateur décimal.
check-gps-reversed = Le point de la colonne { $column } (longitude { $lon }, latitude { $lat }) semble inversé : une fois la longitude et la latitude échangées, il tombe en France.
    .hint = Écrivez la longitude d'abord, puis la latitude (par exemple « 2.2945, 48.8584 » pour Paris).

## Year interval

check-year-interval-format = La valeur « { $value } » de la colonne { $column } n'est pas un intervalle d'années de la forme AAAA/AAAA.
    .hint = Écrivez deux années de 4 chiffres séparées par une barre oblique, sans espace, par exemple « 2023/2024 ».
check-year-interval-format-or-year = La valeur « { $value } » de la colonne { $column } n'est ni une année AAAA ni un intervalle d'années AAAA/AAAA.
    .hint = Écrivez une année de 4 chiffres, par exemple « 2024 », ou deux années séparées par une barre oblique, par exemple « 2023/2024 ».
check-year-interval-same-years = L'intervalle « { $value } » de la colonne { $column } commence et finit la même année ({ $year }).
    .hint = Pour une seule année, écrivez seulement l'année si le schéma l'accepte ; sinon donnez deux années différentes.
check-year-interval-reversed = Dans l'intervalle « { $value } » de la colonne { $column }, la seconde année ({ $second }) précède la première ({ $first }).
    .hint = Écrivez l'année la plus ancienne d'abord : « { $second }/{ $first } ».

## Relations between columns

check-sum-mismatch = La valeur « { $value } » de la colonne { $column } devrait être la somme des colonnes { $columns }, qui vaut { $sum }.
    .hint = Corrigez le total ou l'une des valeurs additionnées de cette ligne.
check-compare-failed = La valeur « { $value } » de la colonne { $column } devrait être { $relation ->
        [greater] strictement supérieure à
        [greater-or-equal] supérieure ou égale à
        [equal] égale à
        [less-or-equal] inférieure ou égale à
       *[less] strictement inférieure à
    } la valeur « { $value2 } » de la colonne { $column2 }.
    .hint = Corrigez l'une des deux valeurs de cette ligne.
check-compare-incomparable = La valeur « { $value } » de la colonne { $column } ne peut pas être comparée à la valeur « { $value2 } » de la colonne { $column2 }.
    .hint = Les deux colonnes doivent contenir des valeurs de même nature : deux nombres, deux dates ou deux textes.
check-cohesive-mixed = Les colonnes { $columns } doivent être toutes remplies ou toutes vides. Sur cette ligne, remplie(s) : { $filled } ; vide(s) : { $empty }.
    .hint = Remplissez aussi { $empty }, ou videz { $filled }.
check-cohesive-header = Les colonnes { $columns } doivent être toutes présentes ou toutes absentes du fichier ; il manque { $absent }.
    .hint = Ajoutez les colonnes manquantes (éventuellement vides), ou retirez les autres.
check-one-of-required-empty = Au moins l'une des colonnes { $column1 } et { $column2 } doit être remplie sur cette ligne.
    .hint = Renseignez { $column1 } ou { $column2 } (ou les deux).
check-one-of-required-header = Les colonnes { $column1 } et { $column2 } sont toutes deux absentes du fichier ; l'une des deux est requise.
    .hint = Ajoutez au moins la colonne { $column1 } ou la colonne { $column2 }, et remplissez-la.

## Phone numbers and opening hours

check-phone-invalid = « { $value } », dans la colonne { $column }, n'est pas un numéro de téléphone valide.
    .hint = Écrivez un numéro français à 10 chiffres (« 01 99 00 27 37 »), un numéro international précédé de son indicatif (« +33 1 99 00 27 37 »), ou un numéro court (« 115 », « 3949 »).
check-opening-hours-invalid = Les horaires « { $value } » de la colonne { $column } ne suivent pas la syntaxe opening_hours d'OpenStreetMap (erreur au caractère { $position }).
    .hint = Jours en anglais abrégés sur deux lettres et heures sur 4 chiffres, règles séparées par « ; » suivi d'une espace, par exemple « Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off ».

## Declarations in the schema

check-declaration-unknown = Le schéma déclare une vérification « { $check } » inconnue ({ $pointer }) ; elle n'est pas appliquée.
    .hint = Corrigez le nom de la vérification dans le schéma (par exemple « siret », « compare-columns-value ») ou retirez la déclaration.
check-declaration-param-missing = La vérification « { $check } » du schéma ({ $pointer }) n'a pas de paramètre « { $param } » ; elle n'est pas appliquée.
    .hint = Ajoutez le paramètre « { $param } » dans « params » de la déclaration.
check-declaration-param-invalid = Le paramètre « { $param } » de la vérification « { $check } » du schéma ({ $pointer }) vaut { $value }, { $expected ->
        [column-name] alors qu'un nom de colonne est attendu
        [column-list] alors qu'une liste de noms de colonnes est attendue
        [boolean] alors que « true » ou « false » est attendu
       *[operator] alors que l'un des opérateurs >, >=, ==, <=, < est attendu
    } ; la vérification n'est pas appliquée.
    .hint = Corrigez la valeur du paramètre dans le schéma.
check-declaration-column-unknown = La vérification « { $check } » du schéma ({ $pointer }) porte sur la colonne « { $column } » (paramètre « { $param } »), qui n'est pas dans le schéma ; elle n'est pas appliquée.
    .hint = Corrigez le nom de la colonne dans la déclaration : il doit être exactement celui d'un champ du schéma.
check-declaration-field-type = La vérification « { $check } » du schéma ({ $pointer }) ne s'applique pas à la colonne { $column }, de type { $type } ; { $expected ->
        [geopoint] elle demande un champ de type geopoint
        [numeric] elle demande des champs de type integer, number ou year
       *[comparable] elle demande des champs dont les valeurs se comparent (nombres, textes, dates, heures, booléens)
    }. La vérification n'est pas appliquée.
    .hint = Changez le type du champ dans le schéma ou retirez la vérification.
check-deprecated = Le schéma utilise la vérification « { $check } », remplacée par « { $replacement } » ; elle est appliquée sous son nouveau nom.
    .hint = Remplacez « { $check } » par « { $replacement } » dans le schéma.
check-unsupported = Le schéma déclare la vérification « { $check } », que socle ne sait pas encore appliquer ; elle est ignorée.
    .hint = Les autres vérifications sont faites ; celle-ci peut être contrôlée avec Validata.
