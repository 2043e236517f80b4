"""One colour per party and per political bloc, the same on every election chart.

Colour encodes who a contender is, never where it finished: Allende is drawn in the colour of the
left in 1952, 1958, 1964 and 1970 alike, the Christian Democrats in their colour whether they won
(1964) or came third (1970).

The blocs are those of Chilean politics from the 1930s to 1973:

- ``left``: the Socialists and Communists and their alliances (Frente del Pueblo 1952, FRAP
  1958-1969, Unidad Popular 1970-1973) and the small parties that ran with them;
- ``centre``: the Christian Democrats (PDC, and the Falange's heirs);
- ``radical``: the Radical Party and its splinters (DR, PIR), kept apart because they moved between
  the others (the Popular Front of 1938, the Frente Democrático with the right in 1961, the Popular
  Unity in 1970-1973, while the PIR and DR stood with the opposition in 1973);
- ``right``: Liberals, Conservatives and, from 1966, the National Party that merged them;
- ``ibanez``: Carlos Ibáñez's movements and independent populists;
- ``others``: independents and lists too small to place.

:data:`PARTY_BLOC` maps the party acronyms of ``elections.csv`` to these blocs, once for all the
elections 1961-1973, and :data:`CANDIDATE_BLOC` maps each presidential candidate to the bloc of the
party or movement that ran him. Both are read by the election charts (the "three thirds" chart sums
party votes by bloc with them). The Okabe-Ito hues are the basis, so that blocs stay apart for
readers with a colour-vision deficiency; the two main parties of the left (PS and PC) are two shades
of its red.
"""

from __future__ import annotations

BLOCS = ("left", "centre", "radical", "right", "ibanez", "others")

BLOC_COLOR: dict[str, str] = {
    "left": "#C62828",  # deep red
    "centre": "#009E73",  # bluish green
    "radical": "#E69F00",  # orange
    "right": "#0072B2",  # blue
    "ibanez": "#CC79A7",  # reddish purple
    "others": "#BDBDBD",  # light grey
}

# The two sides of March 1973: the Popular Unity takes the left's colour; the Confederation of
# Democracy, an alliance of the centre (PDC) and the right (PN) with Radical splinters, its own.
ALLIANCE_COLOR: dict[str, str] = {
    "Unidad Popular": BLOC_COLOR["left"],
    "FRAP": BLOC_COLOR["left"],
    "Confederación de la Democracia (CODE)": "#3D3F8F",  # indigo
}

PARTY_COLOR: dict[str, str] = {
    "PS": "#E0594F",  # Socialists: the lighter red
    "PC": "#8E1616",  # Communists: the darker red
    "PDC": BLOC_COLOR["centre"],
    "PR": BLOC_COLOR["radical"],
    "PN": BLOC_COLOR["right"],
    "PL": "#56B4E9",  # Liberals: sky blue
    "PCU": "#1F3F73",  # Conservatives: navy
}

# Party acronyms of elections.csv (Chamber, Senate and municipal rows, 1961-1973) -> bloc.
PARTY_BLOC: dict[str, str] = {
    # left: Socialists, Communists and the parties of FRAP and the Popular Unity
    "PS": "left",
    "PC": "left",
    "MAPU": "left",  # Movimiento de Acción Popular Unitaria, in the UP
    "IC": "left",  # Izquierda Cristiana, in the UP
    "API": "left",  # Acción Popular Independiente, in the UP
    "PSD": "left",  # Partido Social Demócrata, in the UP
    "USOPO": "left",  # Unión Socialista Popular, a Socialist splinter
    "VNP": "left",  # Vanguardia Nacional del Pueblo, in FRAP
    "CP": "left",  # Comando Popular, in FRAP
    "PD": "left",  # Partido Democrático, in FRAP
    "VL-UP": "left",  # votes for a UP list without a party
    "VL-USOPO": "left",
    # centre
    "PDC": "centre",
    # Radicals and their splinters
    "PR": "radical",
    "DR": "radical",  # Democracia Radical, with the opposition in 1973
    "PIR": "radical",  # Partido de Izquierda Radical, with the opposition in 1973
    # right
    "PL": "right",
    "PCU": "right",
    "PN": "right",
    "AN": "right",  # Acción Nacional
    # Ibáñez's heirs and independent populists
    "PADENA": "ibanez",  # Partido Democrático Nacional (FRAP in 1961-1965, CODE in 1973)
    "DAL": "ibanez",  # Democracia Agrario Laborista
    "UNL": "ibanez",  # Unión Nacional Laborista
    # not placed
    "IND": "others",
    "PADENA and IND": "others",  # one line in a 1971 US memorandum: PADENA and independents
    "VL-CODE": "others",  # votes for a CODE list without a party: centre or right, not known
}

# Presidential candidates 1932-1970 (contender names of elections.csv) -> bloc, by the party or
# movement that ran them; the Radicals who led the Popular Front (1938) and the Democratic
# Alliance (1942, 1946) with Socialist and Communist support are Radicals.
CANDIDATE_BLOC: dict[str, str] = {
    "Arturo Alessandri Palma": "right",  # Liberal, with Radical support
    "Marmaduke Grove Vallejo": "left",
    "Héctor Rodríguez de la Sotta": "right",
    "Enrique Zañartu Prieto": "right",  # Partido Liberal Democrático
    "Elías Lafertte Gaviño": "left",
    "Pedro Aguirre Cerda": "radical",
    "Gustavo Ross Santa María": "right",
    "Carlos Ibáñez del Campo": "ibanez",
    "Juan Antonio Ríos": "radical",
    "Gabriel González Videla": "radical",
    "Eduardo Cruz-Coke": "right",  # Conservatives (with the Falange)
    "Fernando Alessandri Rodríguez": "right",
    "Bernardo Ibáñez Águila": "left",  # Socialist
    "Arturo Matte Larraín": "right",
    "Pedro Enrique Alfonso": "radical",
    "Salvador Allende": "left",
    "Jorge Alessandri Rodríguez": "right",
    "Eduardo Frei Montalva": "centre",
    "Luis Bossay Leiva": "radical",
    "Antonio Zamorano Herrera": "ibanez",  # independent populist
    "Julio Durán Neumann": "radical",
    "Radomiro Tomic": "centre",
    "Other (scattered)": "others",
}

# How a candidate is named on a chart: the surname as Chileans use it (the paternal one, or both
# where that is the usage, as for Aguirre Cerda and González Videla); an initial tells apart
# namesakes (three Alessandris, two Ibáñez).
SURNAME: dict[str, str] = {
    "Arturo Alessandri Palma": "A. Alessandri",
    "Marmaduke Grove Vallejo": "Grove",
    "Héctor Rodríguez de la Sotta": "Rodríguez de la Sotta",
    "Enrique Zañartu Prieto": "Zañartu",
    "Elías Lafertte Gaviño": "Lafertte",
    "Pedro Aguirre Cerda": "Aguirre Cerda",
    "Gustavo Ross Santa María": "Ross",
    "Carlos Ibáñez del Campo": "Ibáñez",
    "Juan Antonio Ríos": "Ríos",
    "Gabriel González Videla": "González Videla",
    "Eduardo Cruz-Coke": "Cruz-Coke",
    "Fernando Alessandri Rodríguez": "F. Alessandri",
    "Bernardo Ibáñez Águila": "B. Ibáñez",
    "Arturo Matte Larraín": "Matte",
    "Pedro Enrique Alfonso": "Alfonso",
    "Salvador Allende": "Allende",
    "Jorge Alessandri Rodríguez": "J. Alessandri",
    "Eduardo Frei Montalva": "Frei",
    "Luis Bossay Leiva": "Bossay",
    "Antonio Zamorano Herrera": "Zamorano",
    "Julio Durán Neumann": "Durán",
    "Radomiro Tomic": "Tomic",
}


def bloc_of(contender: str) -> str:
    """The bloc of a presidential candidate or a party acronym (``others`` if not placed)."""
    return CANDIDATE_BLOC.get(contender) or PARTY_BLOC.get(contender, "others")


def color_of(contender: str) -> str:
    """The colour of a party, an alliance, a bloc name or a candidate (by the candidate's bloc)."""
    if contender in PARTY_COLOR:
        return PARTY_COLOR[contender]
    if contender in ALLIANCE_COLOR:
        return ALLIANCE_COLOR[contender]
    if contender in BLOC_COLOR:
        return BLOC_COLOR[contender]
    return BLOC_COLOR[bloc_of(contender)]


def surname(contender: str) -> str:
    """A candidate's name as a chart prints it (the full name where no short form is set)."""
    return SURNAME.get(contender, contender)
